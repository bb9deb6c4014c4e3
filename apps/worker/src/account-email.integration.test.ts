import { randomUUID } from 'node:crypto';
import { useHarness } from '@rapport/api/testing';
import { confirmEmailVerification, prepareVerificationEmail } from '@rapport/api/use-cases';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.ts';
import { startWorkers } from './worker.ts';

const { db, redis, prefix, signedIn, anonymous } = useHarness();
const ORIGIN = 'http://localhost:4998';
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

const mailTo = async (address: string) => {
	await sink.waitFor(1);
	const deadline = Date.now() + 15_000;
	for (;;) {
		const found = sink.messages.find((m) =>
			(Array.isArray(m.to) ? m.to : [m.to]).some((t) =>
				t?.value.some((v) => v.address === address),
			),
		);
		if (found) return found;
		if (Date.now() > deadline) throw new Error(`no email to ${address}`);
		await new Promise((r) => setTimeout(r, 50));
	}
};

describe('business email verification', () => {
	it('emails a link through the account-mail queue; the link verifies once', async () => {
		const address = `owner-${randomUUID().slice(0, 8)}@bloom.test`;
		const { caller, business } = await signedIn({ email: address, name: 'Bloom & Co.' });
		expect(await caller.settings.requestEmailVerification()).toEqual({
			status: 'sent',
			email: address,
		});

		const mail = await mailTo(address);
		expect(mail.subject).toBe(`Verify ${address} for Bloom & Co.`);
		const link = /http:\/\/localhost:4998\/verify-email\/([\w-]+)/.exec(mail.text ?? '');
		expect(link).not.toBeNull();
		expect(mail.html).toContain(link![0]);
		// Not a customer message: nothing in the outbox.
		const messages = await db
			.selectFrom('messages')
			.select('id')
			.where('businessId', '=', business.id)
			.execute();
		expect(messages).toEqual([]);
		// Only the token's hash is stored.
		const stored = await db
			.selectFrom('emailVerifications')
			.select(['tokenHash', 'sentAt'])
			.where('businessId', '=', business.id)
			.executeTakeFirstOrThrow();
		expect(stored.tokenHash).not.toContain(link![1]);
		expect(stored.sentAt).not.toBeNull();

		expect((await caller.settings.get()).emailVerifiedAt).toBeNull();
		expect(await confirmEmailVerification({ db }, link![1]!)).toMatchObject({
			status: 'verified',
			email: address,
		});
		expect((await caller.settings.get()).emailVerifiedAt).not.toBeNull();
		expect(await confirmEmailVerification({ db }, link![1]!)).toEqual({ status: 'already-used' });
		expect(await caller.settings.requestEmailVerification()).toEqual({
			status: 'already-verified',
			email: address,
		});
	});

	it('an expired link, a tampered one and one for a changed email do not verify', async () => {
		const { caller, business } = await signedIn({
			email: `late-${randomUUID().slice(0, 8)}@bloom.test`,
		});
		const verification = await db
			.insertInto('emailVerifications')
			.values({
				businessId: business.id,
				email: business.email!,
				expiresAt: new Date(Date.now() + 60_000),
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const prepared = await prepareVerificationEmail({ db, origin: ORIGIN }, verification.id);
		if (!('email' in prepared)) throw new Error('expected an email to send');
		const token = prepared.email.link.split('/').at(-1)!;

		expect(await confirmEmailVerification({ db }, `${token.slice(0, -1)}x`)).toEqual({
			status: 'invalid',
		});
		expect(await confirmEmailVerification({ db }, token, new Date(Date.now() + 120_000))).toEqual({
			status: 'expired',
		});
		await caller.settings.update({
			name: business.name,
			email: `new-${randomUUID().slice(0, 8)}@bloom.test`,
			address: '',
			currency: 'USD',
			invoicePrefix: 'INV-',
			paymentTermsDays: 14,
		});
		expect(await confirmEmailVerification({ db }, token)).toEqual({ status: 'email-changed' });
		expect((await caller.settings.get()).emailVerifiedAt).toBeNull();
	});

	it('sending is idempotent: a link already sent is not sent again', async () => {
		const { business } = await signedIn({ email: `once-${randomUUID().slice(0, 8)}@bloom.test` });
		const verification = await db
			.insertInto('emailVerifications')
			.values({
				businessId: business.id,
				email: business.email!,
				expiresAt: new Date(Date.now() + 60_000),
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const first = await prepareVerificationEmail({ db, origin: ORIGIN }, verification.id);
		if (!('markSent' in first)) throw new Error('expected an email to send');
		await first.markSent();
		expect(await prepareVerificationEmail({ db, origin: ORIGIN }, verification.id)).toEqual({
			skip: 'sent',
		});
	});

	it('asks only for the signed-in business, and never without a session', async () => {
		const a = await signedIn({ email: `a-${randomUUID().slice(0, 8)}@bloom.test` });
		const b = await signedIn({ email: `b-${randomUUID().slice(0, 8)}@bloom.test` });
		await b.caller.settings.requestEmailVerification();
		const rows = await db
			.selectFrom('emailVerifications')
			.select(['businessId', 'email'])
			.where('businessId', 'in', [a.business.id, b.business.id])
			.execute();
		expect(rows).toEqual([{ businessId: b.business.id, email: b.business.email }]);
		await expect(anonymous().settings.requestEmailVerification()).rejects.toMatchObject({
			code: 'UNAUTHORIZED',
		});
		await expect(anonymous().inboundEmail.quarantine()).rejects.toMatchObject({
			code: 'UNAUTHORIZED',
		});
	});

	it('a business without an email is told to add one', async () => {
		const { caller } = await signedIn({ email: null });
		const error = await caller.settings.requestEmailVerification().catch((e) => e);
		expect(error).toMatchObject({ code: 'BAD_REQUEST' });
		expect(error.cause.fieldErrors.email[0]).toMatch(/Add a business email/);
	});
});

describe('verification link requests', () => {
	it('are limited per business and hour, so nobody is mail-bombed', async () => {
		const { caller } = await signedIn({ email: `bomb-${randomUUID().slice(0, 8)}@victim.test` });
		for (let i = 0; i < 5; i++) await caller.settings.requestEmailVerification();
		await expect(caller.settings.requestEmailVerification()).rejects.toMatchObject({
			code: 'TOO_MANY_REQUESTS',
			message: expect.stringMatching(/5 links were sent in the last hour/),
		});
	});
});
