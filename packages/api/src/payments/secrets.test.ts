import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	decryptSecret,
	encryptSecret,
	parseEncryptionKey,
	SecretDecryptionError,
	webhookIdFor,
} from './secrets.ts';

const key = randomBytes(32);

describe('payment secrets at rest', () => {
	it('round-trips and never stores the plaintext', () => {
		const stored = encryptSecret('sk_test_51abcdef4242', key, 'business-1:secretKey');
		expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(stored).not.toContain('sk_test');
		expect(decryptSecret(stored, key, 'business-1:secretKey')).toBe('sk_test_51abcdef4242');
		// A fresh IV each time: equal secrets do not look equal at rest.
		expect(encryptSecret('same', key)).not.toBe(encryptSecret('same', key));
	});

	it('refuses altered text', () => {
		const stored = encryptSecret('whsec_abc', key);
		const [v, iv, data, tag] = stored.split('.') as [string, string, string, string];
		const flipped = Buffer.from(data, 'base64url');
		flipped[0] = (flipped[0] ?? 0) ^ 1;
		for (const tampered of [
			[v, iv, flipped.toString('base64url'), tag].join('.'),
			[v, iv, data, randomBytes(16).toString('base64url')].join('.'),
			[v, randomBytes(12).toString('base64url'), data, tag].join('.'),
			['v2', iv, data, tag].join('.'),
			stored.slice(0, -4),
			'sk_test_plaintext',
		]) {
			expect(() => decryptSecret(tampered, key)).toThrow(SecretDecryptionError);
		}
	});

	it('refuses another key or another context', () => {
		const stored = encryptSecret('whsec_abc', key, 'a');
		expect(() => decryptSecret(stored, randomBytes(32), 'a')).toThrow(SecretDecryptionError);
		expect(() => decryptSecret(stored, key, 'b')).toThrow(SecretDecryptionError);
	});

	it('reads the key as base64, base64url or hex, and refuses anything else', () => {
		const bytes = randomBytes(32);
		for (const text of [
			bytes.toString('base64'),
			bytes.toString('base64url'),
			bytes.toString('hex'),
			` ${bytes.toString('hex').toUpperCase()}\n`,
		]) {
			expect(parseEncryptionKey(text).equals(bytes)).toBe(true);
		}
		const stored = encryptSecret('x', bytes.toString('base64'));
		expect(decryptSecret(stored, bytes.toString('hex'))).toBe('x');
		for (const bad of [
			'',
			'short',
			randomBytes(16).toString('base64'),
			'g'.repeat(64),
			'!'.repeat(44),
		]) {
			expect(() => parseEncryptionKey(bad)).toThrow(/32 random bytes/);
		}
	});

	it('derives a stable, url-safe webhook id per business that only the key can compute', () => {
		const id = webhookIdFor(key, 'business-1');
		expect(id).toMatch(/^[\w-]{32}$/);
		expect(webhookIdFor(key, 'business-1')).toBe(id);
		expect(webhookIdFor(key, 'business-2')).not.toBe(id);
		expect(webhookIdFor(randomBytes(32), 'business-1')).not.toBe(id);
	});
});
