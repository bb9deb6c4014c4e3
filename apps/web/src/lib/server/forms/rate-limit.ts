import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface FormRateLimiter {
	/** Seconds to wait when the IP or the form key is over its limit, otherwise null. */
	consume(formKey: string, ip: string): Promise<number | null>;
}

/**
 * Submissions per minute per client IP and per form key, counted in Redis so every web process
 * shares the counts. Redis down → the promise rejects (the endpoint answers 503).
 */
export function createFormRateLimiter(
	redis: Redis,
	limits: { perIpPerMin: number; perKeyPerMin: number },
): FormRateLimiter {
	const common = { storeClient: redis, duration: 60, rejectIfRedisNotReady: true };
	const byIp = new RateLimiterRedis({
		...common,
		keyPrefix: 'rapport:form-ip',
		points: limits.perIpPerMin,
	});
	const byKey = new RateLimiterRedis({
		...common,
		keyPrefix: 'rapport:form-key',
		points: limits.perKeyPerMin,
	});
	const wait = async (limiter: RateLimiterRedis, key: string) => {
		try {
			await limiter.consume(key);
			return null;
		} catch (error) {
			if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
			throw error;
		}
	};
	return {
		// The IP first: one noisy client must not use up the form's own budget for everyone.
		async consume(formKey, ip) {
			return (await wait(byIp, ip)) ?? (await wait(byKey, formKey));
		},
	};
}
