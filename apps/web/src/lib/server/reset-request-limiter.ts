import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

// Reset links asked for, counted in Redis so every web process shares the counts. Per address:
// enough to ask again when a mail went astray, too few to mail-bomb anyone. Per client IP: one
// client cannot walk through addresses. Both count whether or not the address has an account, so
// being refused tells nothing either.

export const RESET_REQUESTS_PER_ADDRESS_PER_HOUR = 3;
export const RESET_REQUESTS_PER_IP_PER_HOUR = 20;

export interface ResetRequestLimiter {
	/** Counts one request; null when it may go ahead, otherwise how long to wait. */
	check(email: string, ip: string): Promise<{ waitSeconds: number } | null>;
}

export function createResetRequestLimiter(
	redis: Redis,
	opts: { perAddress?: number; perIp?: number; keyPrefix?: string } = {},
): ResetRequestLimiter {
	const prefix = opts.keyPrefix ?? 'rapport:password-reset';
	const hour = 60 * 60;
	const perIp = new RateLimiterRedis({
		storeClient: redis,
		keyPrefix: `${prefix}-ip`,
		points: opts.perIp ?? RESET_REQUESTS_PER_IP_PER_HOUR,
		duration: hour,
	});
	const perAddress = new RateLimiterRedis({
		storeClient: redis,
		keyPrefix: `${prefix}-address`,
		points: opts.perAddress ?? RESET_REQUESTS_PER_ADDRESS_PER_HOUR,
		duration: hour,
	});
	const consume = async (limiter: RateLimiterRedis, key: string) => {
		try {
			await limiter.consume(key);
			return null;
		} catch (error) {
			if (!(error instanceof RateLimiterRes)) throw error;
			return { waitSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
		}
	};
	return {
		async check(email, ip) {
			return (await consume(perIp, ip)) ?? (await consume(perAddress, email.trim().toLowerCase()));
		},
	};
}
