import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Every secret the local env needs, each generated when missing. */
const generators = {
	BETTER_AUTH_SECRET: () => randomBytes(32).toString('base64url'),
	INBOUND_EMAIL_SECRET: () => randomBytes(24).toString('base64url'),
	PAYMENTS_ENCRYPTION_KEY: () => randomBytes(32).toString('base64'),
};

/**
 * Secrets generated once per data directory and kept there (git-ignored), so logins survive
 * restarts. A file written before a secret existed gets it added; existing values never change
 * (a new PAYMENTS_ENCRYPTION_KEY would make the stored payment secrets unreadable).
 */
export function localSecrets(file) {
	const secrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
	const missing = Object.keys(generators).filter((name) => !secrets[name]);
	if (missing.length === 0) return secrets;
	for (const name of missing) secrets[name] = generators[name]();
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
	return secrets;
}
