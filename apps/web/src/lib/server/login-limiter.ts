import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimiter {
	/** Seconds to wait when the email/IP pair is over the limit, otherwise null. */
	consume(email: string, ip: string): Promise<number | null>;
	reset(email: string, ip: string): Promise<void>;
}

/** Failed log-ins per email+IP, shared through Redis so every web process counts the same. */
export function createLoginLimiter(redis: Redis, attemptsPer15Min: number): LoginLimiter {
	const limiter = new RateLimiterRedis({
		storeClient: redis,
		keyPrefix: 'rapport:login',
		points: attemptsPer15Min,
		duration: 15 * 60,
	});
	const key = (email: string, ip: string) => `${email.trim().toLowerCase()}|${ip}`;
	return {
		async consume(email, ip) {
			try {
				await limiter.consume(key(email, ip));
				return null;
			} catch (error) {
				if (error instanceof RateLimiterRes) return Math.ceil(error.msBeforeNext / 1000);
				throw error;
			}
		},
		async reset(email, ip) {
			await limiter.delete(key(email, ip));
		},
	};
}
