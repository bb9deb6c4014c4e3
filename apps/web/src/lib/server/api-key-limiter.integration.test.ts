import { randomUUID } from 'node:crypto';
import { ServiceUnavailableError } from '@rapport/api/domain';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyLimiter } from './api-key-limiter.ts';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
	maxRetriesPerRequest: 1,
});
// The limiter refuses to count while Redis is not connected (the endpoint answers 503).
beforeAll(() => redis.ping());
afterAll(() => redis.quit());

describe('API key limiter', () => {
	it('lets a key make its requests per minute, then says how long to wait; keys count apart', async () => {
		const keyPrefix = `test-api-key-${randomUUID()}`;
		const limiter = createApiKeyLimiter(redis, 3, { keyPrefix });
		// Another process sharing Redis counts the same requests.
		const otherProcess = createApiKeyLimiter(redis, 3, { keyPrefix });
		const key = randomUUID();
		expect(await limiter.consume(key)).toBeNull();
		expect(await otherProcess.consume(key)).toBeNull();
		expect(await limiter.consume(key)).toBeNull();
		const wait = await otherProcess.consume(key);
		expect(wait).toBeGreaterThanOrEqual(1);
		expect(wait).toBeLessThanOrEqual(60);
		expect(await limiter.consume(randomUUID())).toBeNull();
	});
});

describe('API key limiter without Redis', () => {
	it('refuses with ServiceUnavailableError (the endpoint answers 503)', async () => {
		const down = new Redis('redis://127.0.0.1:1', {
			lazyConnect: true,
			enableOfflineQueue: false,
			maxRetriesPerRequest: 0,
			retryStrategy: () => null,
		});
		const limiter = createApiKeyLimiter(down, 3, { keyPrefix: `test-api-key-${randomUUID()}` });
		await expect(limiter.consume(randomUUID())).rejects.toBeInstanceOf(ServiceUnavailableError);
		down.disconnect();
	});
});
