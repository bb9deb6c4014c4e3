import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
	accountDelaySeconds,
	createLoginLimiter,
	FREE_FAILURES,
	MAX_DELAY_SECONDS,
} from './login-limiter.ts';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
	maxRetriesPerRequest: 1,
});
afterAll(() => redis.quit());

// A key prefix per test: counters never leak between tests or runs.
const limiterFor = (perClient = 10) =>
	createLoginLimiter(redis, perClient, { keyPrefix: `test-login-${randomUUID()}` });
const account = () => `owner-${randomUUID().slice(0, 8)}@example.test`;
const ip = (n: number) => `198.51.100.${n}`;

/** One attempt with a wrong password: refused unchecked (the refusal), or checked and failed. */
async function wrongPassword(limiter: ReturnType<typeof limiterFor>, email: string, from: string) {
	const refusal = await limiter.check(email, from);
	if (!refusal) await limiter.failed(email);
	return refusal;
}

describe('login limiter', () => {
	it('the delay doubles after the free failures and is capped', () => {
		expect([0, 4, 5, 6, 7, 10, 30].map((n) => accountDelaySeconds(n))).toEqual([
			0,
			0,
			1,
			2,
			4,
			32,
			MAX_DELAY_SECONDS,
		]);
		expect(FREE_FAILURES).toBe(5);
	});

	it('50 wrong passwords from 50 addresses against one account: most are never checked', async () => {
		const limiter = limiterFor();
		const email = account();
		const refusals = [];
		for (let n = 1; n <= 50; n++) refusals.push(await wrongPassword(limiter, email, ip(n)));
		const checked = refusals.filter((r) => r === null).length;
		expect(checked).toBeLessThanOrEqual(FREE_FAILURES + 1);
		const last = refusals.at(-1);
		expect(last).toMatchObject({ scope: 'account' });
		expect(last!.waitSeconds).toBeGreaterThanOrEqual(1);
		expect(last!.waitSeconds).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
	});

	it('holds when the 50 attempts arrive at once', async () => {
		const limiter = limiterFor();
		const email = account();
		const refusals = await Promise.all(
			Array.from({ length: 50 }, (_, n) => limiter.check(email, ip(n + 1))),
		);
		expect(refusals.filter((r) => r === null).length).toBe(FREE_FAILURES + 1);
	});

	it('other accounts are not affected', async () => {
		const limiter = limiterFor();
		const email = account();
		for (let n = 1; n <= 20; n++) await wrongPassword(limiter, email, ip(n));
		expect(await limiter.check(account(), ip(1))).toBeNull();
	});

	it('a browser that logged in before is not delayed; the right password after the delay works', async () => {
		const limiter = limiterFor();
		const email = account();
		for (let n = 1; n <= 10; n++) await wrongPassword(limiter, email, ip(n));
		expect(await limiter.check(email, ip(100))).toMatchObject({ scope: 'account' });
		// The owner's browser, with its known-device cookie: checked at once.
		expect(await limiter.check(email, ip(101), { knownDevice: true })).toBeNull();

		// Anyone else waits out the delay, then the password is checked again.
		let n = 200;
		await vi.waitUntil(async () => (await limiter.check(email, ip(n++))) === null, {
			timeout: 5_000,
			interval: 100,
		});
		await limiter.succeeded(email, ip(n - 1));
		expect(await limiter.check(email, ip(300))).toBeNull();
	});

	it('still limits one client per email+IP', async () => {
		const limiter = limiterFor(3);
		const email = account();
		for (let i = 0; i < 3; i++)
			expect(await limiter.check(email, ip(1), { knownDevice: true })).toBeNull();
		expect(await limiter.check(email, ip(1), { knownDevice: true })).toMatchObject({
			scope: 'client',
		});
		expect(await limiter.check(email, ip(2), { knownDevice: true })).toBeNull();
	});
});
