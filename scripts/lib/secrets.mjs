import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Secrets generated once per data directory and kept there (git-ignored), so logins survive restarts. */
export function localSecrets(file) {
	if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
	const secrets = {
		BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
		INBOUND_EMAIL_SECRET: randomBytes(24).toString('base64url'),
	};
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
	return secrets;
}
