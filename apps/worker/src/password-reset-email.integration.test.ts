import { randomBytes, randomUUID } from 'node:crypto';
import { passwordResetIdentifier } from '@rapport/api/domain';
import { useHarness } from '@rapport/api/testing';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.ts';
import { startWorkers } from './worker.ts';

const { db, redis, jobs, prefix, signedIn } = useHarness();
const ORIGIN = 'http://localhost:4997';
let sink: SmtpSink;
let workers: Awaited<ReturnType<typeof startWorkers>>;

beforeAll(async () => {
	sink = await startSmtpSink();
	workers = await startWorkers({
		connection: redis.duplicate({ maxRetriesPerRequest: null }),
		deps: {
			db,
			log: pino({ level: 'silent' }),
			mailer: createMailer(sink.url, 'Rapport <no-reply@rapport.test>'),
			templates: loadEmailTemplates(),
			origin: ORIGIN,
			mailDomain: 'rapport.test',
		},
		concurrency: 2,
		prefix,
		schedules: false,
	});
});

afterAll(async () => {
	await workers.close();
	await sink.close();
});

const sentTo = (address: string) =>
	sink.messages.filter((m) =>
		(Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.value.some((v) => v.address === address)),
	);

/** A reset as better-auth stores it: the token in the identifier, the user id as its value. */
async function storedReset(userId: string, expiresAt = new Date(Date.now() + 3_600_000)) {
	const token = randomBytes(18).toString('base64url');
	const id = randomBytes(16).toString('hex');
	await db
		.insertInto('verifications')
		.values({ id, identifier: passwordResetIdentifier(token), value: userId, expiresAt })
		.execute();
	return { id, token };
}

const jobIdOf = (id: string) => `account-email-reset-${id}`;

describe('password reset email', () => {
	it('the account-mail worker emails the link to the user’s login address', async () => {
		const { user, business } = await signedIn({ name: 'Bloom & Co.' });
		const { id, token } = await storedReset(user.id);
		await jobs.enqueue(
			'send-account-email',
			{ kind: 'reset-password', id },
			{ jobId: jobIdOf(id) },
		);

		await expect.poll(() => sentTo(user.email).length, { timeout: 15_000 }).toBe(1);
		const [mail] = sentTo(user.email);
		expect(mail?.subject).toBe('Reset your Rapport password');
		const link = `${ORIGIN}/reset-password?token=${token}`;
		expect(mail?.text).toContain(link);
		expect(mail?.text).toContain(business.name);
		expect(mail?.text).toMatch(/expires in (59|60) minutes/);
		// Handlebars escapes '=' in HTML; a browser reads the same link.
		expect(mail?.html).toContain(`href="${link.replace('=', '&#x3D;')}"`);
		// Not a customer message: nothing in the outbox.
		const messages = await db
			.selectFrom('messages')
			.select('id')
			.where('businessId', '=', business.id)
			.execute();
		expect(messages).toEqual([]);
	});

	it('a link used, expired or of another kind before the job ran is not emailed', async () => {
		const { user } = await signedIn();
		const expired = await storedReset(user.id, new Date(Date.now() - 1_000));
		const used = await storedReset(user.id);
		await db.deleteFrom('verifications').where('id', '=', used.id).execute();
		const otherKind = randomBytes(16).toString('hex');
		await db
			.insertInto('verifications')
			.values({
				id: otherKind,
				identifier: `email-verification:${randomUUID()}`,
				value: user.id,
				expiresAt: new Date(Date.now() + 60_000),
			})
			.execute();

		const queue = new Queue('email', { connection: redis, prefix });
		for (const id of [expired.id, used.id, otherKind]) {
			await jobs.enqueue(
				'send-account-email',
				{ kind: 'reset-password', id },
				{ jobId: jobIdOf(id) },
			);
			await expect
				.poll(async () => (await queue.getJob(jobIdOf(id)))?.returnvalue, { timeout: 15_000 })
				.toEqual({ skipped: id === expired.id ? 'expired' : 'gone' });
		}
		await queue.close();
		expect(sentTo(user.email)).toEqual([]);
	});
});
