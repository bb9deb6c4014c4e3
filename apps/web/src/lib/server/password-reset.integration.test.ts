import { randomUUID } from 'node:crypto';
import { createJobProducer } from '@rapport/api/jobs';
import {
	forgetPasswordResets,
	isPasswordResetUsable,
	preparePasswordResetEmail,
	queuePasswordResetEmail,
} from '@rapport/api/use-cases';
import { createDb, createPool } from '@rapport/db';
import { createTestBusiness, testDatabaseUrl } from '@rapport/db/testing';
import { betterAuth } from 'better-auth';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authOptions } from './auth-options.ts';
import { createPasswordResets } from './password-reset.ts';
import { createResetRequestLimiter } from './reset-request-limiter.ts';

// better-auth as the web runs it (our options and hooks, minus the SvelteKit cookie plugin) over
// the test database, with a queue prefix of this file's own.
const pool = createPool(testDatabaseUrl(), { max: 4 });
const db = createDb(pool);
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
	maxRetriesPerRequest: null,
});
const prefix = `test-reset-${randomUUID().slice(0, 8)}`;
const jobs = createJobProducer(redis, prefix);
const emailQueue = new Queue('email', { connection: redis, prefix });
const origin = 'http://rapport.test';
const auth = betterAuth(
	authOptions(pool, {
		secret: 'test-secret-test-secret-test-secret-test',
		baseURL: origin,
		passwordReset: {
			queueEmail: (token) => queuePasswordResetEmail({ db, jobs }, token),
			done: (userId) => forgetPasswordResets({ db }, userId),
		},
	}),
);
const limiter = (opts: { perAddress?: number; perIp?: number } = {}) =>
	createResetRequestLimiter(redis, { keyPrefix: `test-reset-${randomUUID()}`, ...opts });
const resets = createPasswordResets(auth.api, limiter());
const ip = () => `2001:db8::${randomUUID().slice(0, 8)}`;

beforeAll(() => redis.ping());
afterAll(async () => {
	await emailQueue.close();
	await jobs.close();
	redis.disconnect();
	await db.destroy();
});

const OLD_PASSWORD = 'tulip-vase-42';
const NEW_PASSWORD = 'orchid-lamp-77';

async function owner() {
	const business = await createTestBusiness(db);
	const email = `owner-${randomUUID().slice(0, 8)}@example.test`;
	const { user } = await auth.api.signUpEmail({
		body: { name: business.name, email, password: OLD_PASSWORD, businessId: business.id },
	});
	// A second device, signed in too.
	await auth.api.signInEmail({ body: { email, password: OLD_PASSWORD } });
	return { email, userId: user.id };
}

/** The reset jobs queued for this user (their rows name the user). */
async function resetJobsFor(userId: string) {
	const queued = await emailQueue.getJobs(['waiting', 'delayed', 'prioritized']);
	const ours = [];
	for (const job of queued) {
		if (job.name !== 'send-account-email' || job.data.kind !== 'reset-password') continue;
		const row = await db
			.selectFrom('verifications')
			.select('value')
			.where('id', '=', job.data.id)
			.executeTakeFirst();
		if (row?.value === userId) ours.push(job);
	}
	return ours;
}

async function linkTokenOf(verificationId: string) {
	const prepared = await preparePasswordResetEmail({ db, origin }, verificationId);
	if (!('email' in prepared)) throw new Error(`expected an email, got ${prepared.skip}`);
	return { email: prepared.email, token: new URL(prepared.email.link).searchParams.get('token')! };
}

const sessionsOf = (userId: string) =>
	db.selectFrom('sessions').select('id').where('userId', '=', userId).execute();

describe('forgot password', () => {
	it('queues the email for a known address, nothing for an unknown one, with the same answer', async () => {
		const { email, userId } = await owner();
		const unknown = `nobody-${randomUUID().slice(0, 8)}@example.test`;
		const before = (await emailQueue.getJobs(['waiting', 'delayed', 'prioritized'])).length;

		const known = await resets.request(email, ip());
		const afterKnown = (await emailQueue.getJobs(['waiting', 'delayed', 'prioritized'])).length;
		const other = await resets.request(unknown, ip());
		const afterUnknown = (await emailQueue.getJobs(['waiting', 'delayed', 'prioritized'])).length;

		expect(known).toEqual({ status: 'sent' });
		expect(other).toEqual(known);
		expect(afterKnown).toBe(before + 1);
		expect(afterUnknown).toBe(afterKnown);

		const [job] = await resetJobsFor(userId);
		expect(job?.id).toBe(`account-email-reset-${job?.data.id}`);
		// The job names the row; the token is only in the row (and then in the email).
		const { email: mail, token } = await linkTokenOf(job!.data.id);
		expect(mail).toMatchObject({ to: email, link: `${origin}/reset-password?token=${token}` });
		expect(JSON.stringify(job!.data)).not.toContain(token);
	});

	it('a reset sets the new password, ends every session, and works once; older links die too', async () => {
		const { email, userId } = await owner();
		expect(await sessionsOf(userId)).toHaveLength(2);
		await resets.request(email, ip());
		await resets.request(email, ip());
		const [first, second] = await resetJobsFor(userId);
		const older = await linkTokenOf(first!.data.id);
		const newer = await linkTokenOf(second!.data.id);
		expect(await isPasswordResetUsable({ db }, newer.token)).toBe(true);

		expect(await resets.reset(newer.token, NEW_PASSWORD)).toBe('done');
		expect(await sessionsOf(userId)).toEqual([]);
		await expect(
			auth.api.signInEmail({ body: { email, password: OLD_PASSWORD } }),
		).rejects.toMatchObject({ body: { code: 'INVALID_EMAIL_OR_PASSWORD' } });
		await auth.api.signInEmail({ body: { email, password: NEW_PASSWORD } });

		expect(await resets.reset(newer.token, 'lily-chair-55x')).toBe('invalid');
		expect(await resets.reset(older.token, 'lily-chair-55x')).toBe('invalid');
		expect(await isPasswordResetUsable({ db }, older.token)).toBe(false);
		// A retried email job for a used link sends nothing.
		expect(await preparePasswordResetEmail({ db, origin }, first!.data.id)).toEqual({
			skip: 'gone',
		});
		await auth.api.signInEmail({ body: { email, password: NEW_PASSWORD } });
	});

	it('an expired link is refused and not emailed; a made-up token is refused', async () => {
		const { email, userId } = await owner();
		await resets.request(email, ip());
		const [job] = await resetJobsFor(userId);
		const { token } = await linkTokenOf(job!.data.id);
		await db
			.updateTable('verifications')
			.set({ expiresAt: new Date(Date.now() - 1_000) })
			.where('id', '=', job!.data.id)
			.execute();

		expect(await isPasswordResetUsable({ db }, token)).toBe(false);
		expect(await preparePasswordResetEmail({ db, origin }, job!.data.id)).toEqual({
			skip: 'expired',
		});
		expect(await resets.reset(token, NEW_PASSWORD)).toBe('invalid');
		expect(await resets.reset('made-up-token-made-up-token', NEW_PASSWORD)).toBe('invalid');
		expect(await isPasswordResetUsable({ db }, 'not a token')).toBe(false);
		expect(await sessionsOf(userId)).toHaveLength(2);
	});
});

describe('reset request limits', () => {
	it('per address, whether or not it has an account, and shared by every web process', async () => {
		const keyPrefix = `test-reset-${randomUUID()}`;
		const a = createResetRequestLimiter(redis, { keyPrefix, perAddress: 2, perIp: 100 });
		const b = createResetRequestLimiter(redis, { keyPrefix, perAddress: 2, perIp: 100 });
		const { email } = await owner();
		const unknown = `nobody-${randomUUID().slice(0, 8)}@example.test`;
		for (const address of [email, unknown]) {
			expect(await a.check(address, ip())).toBeNull();
			expect(await b.check(address.toUpperCase(), ip())).toBeNull();
			const refused = await a.check(address, ip());
			expect(refused?.waitSeconds).toBeGreaterThan(60);
			expect(refused?.waitSeconds).toBeLessThanOrEqual(3_600);
		}
	});

	it('per client IP across addresses; a refused request queues nothing', async () => {
		const guarded = createPasswordResets(auth.api, limiter({ perIp: 2, perAddress: 100 }));
		const from = ip();
		const { email, userId } = await owner();
		for (let i = 0; i < 2; i++) {
			expect(
				await guarded.request(`nobody-${i}-${randomUUID().slice(0, 8)}@example.test`, from),
			).toEqual({
				status: 'sent',
			});
		}
		expect(await guarded.request(email, from)).toMatchObject({ status: 'limited' });
		expect(await resetJobsFor(userId)).toEqual([]);
		expect(await guarded.request(email, ip())).toEqual({ status: 'sent' });
		expect(await resetJobsFor(userId)).toHaveLength(1);
	});
});
