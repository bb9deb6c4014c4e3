import { ServiceUnavailableError } from '@rapport/api/domain';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface ApiKeyLimiter {
	/**
	 * Seconds to wait when the key is over its limit, otherwise null. Redis down: rejects with
	 * ServiceUnavailableError (503; nothing is counted or sent).
	 */
	consume(apiKeyId: string): Promise<number | null>;
}

/**
 * Requests per minute per API key, counted in Redis so every web process shares the count. Per
 * key, not per IP: an integration posts from wherever its servers are, and one key's burst must
 * not slow the business's other keys.
 */
export function createApiKeyLimiter(
	redis: Redis,
	perMinute: number,
	opts: { keyPrefix?: string } = {},
): ApiKeyLimiter {
	const limiter = new RateLimiterRedis({
		storeClient: redis,
		keyPrefix: opts.keyPrefix ?? 'rapport:api-key',
		points: perMinute,
		duration: 60,
		rejectIfRedisNotReady: true,
	});
	return {
		async consume(apiKeyId) {
			try {
				await limiter.consume(apiKeyId);
				return null;
			} catch (error) {
				if (error instanceof RateLimiterRes)
					return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
				throw new ServiceUnavailableError('Rate limiting is unavailable (Redis).', {
					cause: error,
				});
			}
		},
	};
}
