import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Payment-provider secrets at rest: AES-256-GCM under PAYMENTS_ENCRYPTION_KEY. The stored text is
 * `v1.<iv>.<ciphertext>.<tag>` (base64url parts), so a later key or cipher can be told apart
 * from this one. `context` (e.g. the business and field) is authenticated, not stored: a value
 * copied into another row does not decrypt there.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export class SecretDecryptionError extends Error {
	constructor(message = 'The stored secret cannot be decrypted with this key') {
		super(message);
		this.name = 'SecretDecryptionError';
	}
}

/**
 * The key from its text form: 64 hex characters, or base64 / base64url of 32 bytes. Throws a
 * message fit for "Invalid configuration: PAYMENTS_ENCRYPTION_KEY <message>".
 */
export function parseEncryptionKey(text: string): Buffer {
	const value = text.trim();
	if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
	if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
		const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
		if (bytes.length === KEY_BYTES) return bytes;
	}
	throw new Error(
		'must be 32 random bytes as base64 or 64 hex characters (e.g. `openssl rand -base64 32`)',
	);
}

/** The parsed key, or its text form (parsed on each use: tests and scripts). */
export type EncryptionKey = Buffer | string;
type Key = EncryptionKey;
const keyOf = (key: Key) => (typeof key === 'string' ? parseEncryptionKey(key) : key);

export function encryptSecret(plaintext: string, key: Key, context = ''): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', keyOf(key), iv);
	cipher.setAAD(Buffer.from(`${VERSION}|${context}`));
	const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
	return [VERSION, ...parts].join('.');
}

/** Throws SecretDecryptionError when the text was altered, or made with another key or context. */
export function decryptSecret(stored: string, key: Key, context = ''): string {
	const [version, iv, ciphertext, tag, ...rest] = stored.split('.');
	if (version !== VERSION || iv === undefined || ciphertext === undefined || !tag || rest.length)
		throw new SecretDecryptionError('The stored secret is not in a known format');
	const ivBytes = Buffer.from(iv, 'base64url');
	const tagBytes = Buffer.from(tag, 'base64url');
	if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
		throw new SecretDecryptionError('The stored secret is not in a known format');
	try {
		const decipher = createDecipheriv('aes-256-gcm', keyOf(key), ivBytes);
		decipher.setAAD(Buffer.from(`${VERSION}|${context}`));
		decipher.setAuthTag(tagBytes);
		const plain = Buffer.concat([
			decipher.update(Buffer.from(ciphertext, 'base64url')),
			decipher.final(),
		]);
		return plain.toString('utf8');
	} catch {
		throw new SecretDecryptionError();
	}
}

/**
 * The business's webhook id: the last segment of its webhook URL. Derived (HMAC under the key)
 * rather than drawn at random so Settings can show the URL before anything is stored: Stripe
 * hands out the signing secret only once the endpoint's URL is entered there. Unguessable
 * without the key; a stored connection keeps the id it was created with.
 */
export function webhookIdFor(key: EncryptionKey, businessId: string, provider = 'stripe'): string {
	return createHmac('sha256', keyOf(key))
		.update(`webhook-id|${provider}|${businessId}`)
		.digest('base64url')
		.slice(0, 32);
}
