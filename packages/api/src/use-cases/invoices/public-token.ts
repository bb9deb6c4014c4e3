import { randomBytes } from 'node:crypto';

/** ≥ 128 bits from the OS CSPRNG: the public invoice link cannot be guessed. */
export function newPublicToken(): string {
	return randomBytes(24).toString('base64url');
}
