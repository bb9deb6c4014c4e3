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
	return {
		async consume(formKey, ip) {
			const results = await Promise.allSettled([byIp.consume(ip), byKey.consume(formKey)]);
			let wait: number | null = null;
			for (const result of results) {
				if (result.status === 'fulfilled') continue;
				if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
				wait = Math.max(wait ?? 1, Math.ceil(result.reason.msBeforeNext / 1000));
			}
			return wait;
		},
	};
}
