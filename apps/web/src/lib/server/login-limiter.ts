import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

// Two limits, both shared through Redis so every web process counts the same:
//
// 1. Per email + client IP: `attemptsPer15Min` attempts, then that client waits out the window.
//    It stops one client hammering one account, but an attacker with many addresses gets that
//    many tries per address.
// 2. Per account, from any IP: after FREE_FAILURES failed passwords, each further attempt must
//    wait a delay that doubles with every failure (1 s, 2 s, 4 s … capped at MAX_DELAY_SECONDS)
//    and is refused without checking the password until then. Only one attempt passes each
//    delay, however many addresses it comes from, so 50 wrong passwords from 50 addresses get
//    ~FREE_FAILURES + 1 checked at once, and at most one a minute after that.
//
// A delay, not a lockout: a lockout would let anyone lock the owner out by failing on purpose.
// The owner is never denied for long: the correct password still works once the current delay
// (at most a minute) has passed, and a browser that logged into the account before (its known-
// device cookie, see known-device.ts) skips the per-account delay altogether. A successful log-in
// clears both counters; only someone who knows the password can do that.

export const FREE_FAILURES = 5;
export const MAX_DELAY_SECONDS = 60;
/** Failures are forgotten an hour after the first one of a run. */
const ACCOUNT_WINDOW_SECONDS = 60 * 60;

export type LoginRefusal = { waitSeconds: number; scope: 'client' | 'account' };

export interface LoginLimiter {
	/**
	 * Before the password is checked: null when it may be checked, otherwise how long to wait.
	 * `knownDevice`: this browser logged into this account before.
	 */
	check(email: string, ip: string, opts?: { knownDevice?: boolean }): Promise<LoginRefusal | null>;
	/** The password was wrong: the next attempt on this account may have to wait. */
	failed(email: string): Promise<void>;
	/** The password was right: this client and this account start afresh. */
	succeeded(email: string, ip: string): Promise<void>;
}

/** 1 s after the FREE_FAILURES-th failure, doubling with each one after it. */
export function accountDelaySeconds(failures: number): number {
	if (failures < FREE_FAILURES) return 0;
	return Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

const secondsOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

async function refusedBy<T>(attempt: Promise<T>): Promise<RateLimiterRes | null> {
	try {
		await attempt;
		return null;
	} catch (error) {
		if (error instanceof RateLimiterRes) return error;
		throw error;
	}
}

export function createLoginLimiter(
	redis: Redis,
	attemptsPer15Min: number,
	opts: { keyPrefix?: string } = {},
): LoginLimiter {
	const prefix = opts.keyPrefix ?? 'rapport:login';
	const perClient = new RateLimiterRedis({
		storeClient: redis,
		keyPrefix: prefix,
		points: attemptsPer15Min,
		duration: 15 * 60,
	});
	// Counts attempts on the account (consumed before the check, so concurrent attempts each get
	// their own number), given back when an attempt is refused unchecked.
	const attempts = new RateLimiterRedis({
		storeClient: redis,
		keyPrefix: `${prefix}-account`,
		points: Number.MAX_SAFE_INTEGER,
		duration: ACCOUNT_WINDOW_SECONDS,
	});
	// One slot per delay: consumed atomically by the attempt that may go, blocked for the delay
	// after it fails. A claimed slot expires by itself if the check never reports back.
	const gate = new RateLimiterRedis({
		storeClient: redis,
		keyPrefix: `${prefix}-account-gate`,
		points: 1,
		duration: MAX_DELAY_SECONDS,
	});
	const account = (email: string) => email.trim().toLowerCase();
	const client = (email: string, ip: string) => `${account(email)}|${ip}`;

	return {
		async check(email, ip, { knownDevice = false } = {}) {
			const limited = await refusedBy(perClient.consume(client(email, ip)));
			if (limited) return { scope: 'client', waitSeconds: secondsOf(limited) };
			if (knownDevice) return null;

			const counted = await attempts.penalty(account(email), 1);
			if (counted.consumedPoints <= FREE_FAILURES) return null;
			const waiting = await refusedBy(gate.consume(account(email)));
			if (!waiting) return null;
			await attempts.reward(account(email), 1);
			return { scope: 'account', waitSeconds: secondsOf(waiting) };
		},

		async failed(email) {
			const counted = await attempts.get(account(email));
			const delay = accountDelaySeconds(counted?.consumedPoints ?? 0);
			if (delay > 0) await gate.block(account(email), delay);
		},

		async succeeded(email, ip) {
			await Promise.all([
				perClient.delete(client(email, ip)),
				attempts.delete(account(email)),
				gate.delete(account(email)),
			]);
		},
	};
}
