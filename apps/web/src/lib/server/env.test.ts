import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.ts';

const base = {
	DATABASE_URL: 'postgres://u@127.0.0.1/db',
	REDIS_URL: 'redis://127.0.0.1:6379',
	BETTER_AUTH_SECRET: 'x'.repeat(32),
	INBOUND_EMAIL_SECRET: 'y'.repeat(16),
	PAYMENTS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('web configuration: payments', () => {
	it('takes the key as base64 or hex, and STRIPE_API_URL optionally', () => {
		expect(loadEnv(base).STRIPE_API_URL).toBeUndefined();
		const hex = { ...base, PAYMENTS_ENCRYPTION_KEY: 'ab'.repeat(32) };
		expect(loadEnv({ ...hex, STRIPE_API_URL: 'http://127.0.0.1:12111' }).STRIPE_API_URL).toBe(
			'http://127.0.0.1:12111',
		);
	});

	it('fails with one line naming the variable', () => {
		const { PAYMENTS_ENCRYPTION_KEY: _, ...missing } = base;
		expect(() => loadEnv(missing)).toThrow(
			/^Invalid configuration: PAYMENTS_ENCRYPTION_KEY is required/,
		);
		expect(() => loadEnv({ ...base, PAYMENTS_ENCRYPTION_KEY: 'too-short' })).toThrow(
			/^Invalid configuration: PAYMENTS_ENCRYPTION_KEY must be 32 random bytes/,
		);
		expect(() => loadEnv({ ...base, STRIPE_API_URL: 'ftp://x' })).toThrow(
			/^Invalid configuration: STRIPE_API_URL must be an http\(s\):\/\/ URL/,
		);
	});
});
