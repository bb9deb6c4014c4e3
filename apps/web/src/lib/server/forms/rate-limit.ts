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
	const wait = (limiter: RateLimiterRedis, key: string) =>
		limiter.consume(key).then(
			() => null,
			(error: unknown) => {
				if (error instanceof RateLimiterRes)
					return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
				throw error;
			},
		);
	return {
		// Both at once (one round trip), but a noisy IP must not use up the form's own budget
		// for everyone: when the IP is over its limit, the point taken from the key is given back.
		async consume(formKey, ip) {
			const [ipWait, keyWait] = await Promise.all([wait(byIp, ip), wait(byKey, formKey)]);
			if (ipWait !== null) {
				if (keyWait === null) await byKey.reward(formKey, 1);
				return ipWait;
			}
			return keyWait;
		},
	};
}
