import { randomUUID } from 'node:crypto';
import {
	createJobProducer,
	FORM_SUBMISSION_ATTEMPTS,
	type FormSubmissionJob,
	formSubmissionJobId,
} from '@rapport/api/jobs';
import { storeFormSubmissions } from '@rapport/api/use-cases';
import { createDb } from '@rapport/db';
import { createTestBusiness, createTestCustomer, testDatabaseUrl } from '@rapport/db/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import {
	createFormIngest,
	ingestFormSubmission,
	ingestFormSubmissions,
} from './processors/ingest-form-submission.ts';
import { eventually } from './testing/eventually.ts';
import { startWorkers } from './worker.ts';

const db = createDb(testDatabaseUrl());
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const prefix = `test-${randomUUID().slice(0, 8)}`;
const producer = createJobProducer(connection, prefix);
const log = pino({ level: 'silent' });

afterAll(async () => {
	await producer.close();
	await connection.quit();
	await db.destroy();
});

function submission(businessId: string, overrides: Partial<FormSubmissionJob> = {}) {
	const email = overrides.email ?? `sender-${randomUUID().slice(0, 8)}@example.test`;
	return {
		businessId,
		submissionId: randomUUID(),
		acceptedAt: new Date().toISOString(),
		email,
		name: 'Sam Sender',
		phone: null,
		message: 'Hello there',
		fields: [
			{ name: 'email', value: email },
			{ name: 'name', value: 'Sam Sender' },
			{ name: 'message', value: 'Hello there' },
		],
		startedAt: null,
		...overrides,
	} satisfies FormSubmissionJob;
}

const enqueue = (job: FormSubmissionJob) =>
	producer.enqueue('ingest-form-submission', job, {
		jobId: formSubmissionJobId(job.submissionId),
		attempts: FORM_SUBMISSION_ATTEMPTS,
	});

const messagesOf = (businessId: string) =>
	db
		.selectFrom('messages')
		.innerJoin('customers', 'customers.id', 'messages.customerId')
		.select([
			'messages.body',
			'messages.fields',
			'messages.senderEmail',
			'messages.sourceId',
			'messages.subject',
			'messages.direction',
			'messages.channel',
			'messages.createdAt',
			'customers.id as customerId',
			'customers.name as customerName',
			'customers.businessId as customerBusinessId',
		])
		.where('messages.businessId', '=', businessId)
		.execute();

describe('contact-form ingestion', () => {
	it('submissions accepted while no worker runs are all stored, in batches, once one starts', async () => {
		const a = await createTestBusiness(db);
		const b = await createTestBusiness(db);
		const jobs = Array.from({ length: 300 }, (_, i) =>
			submission(i % 2 ? a.id : b.id, { email: `person-${i % 50}@Example.test` }),
		);
		await Promise.all(jobs.map(enqueue));
		expect(await messagesOf(a.id)).toHaveLength(0);

		const workers = await startWorkers({
			connection,
			deps: {
				db,
				log,
				mailer: createMailer('smtp://127.0.0.1:1', 'Test <t@rapport.test>'),
				templates: loadEmailTemplates(),
				origin: 'http://localhost',
				mailDomain: 'rapport.test',
			},
			concurrency: 2,
			queueConcurrency: { ingest: 100 },
			formBatch: { size: 50, waitMs: 10 },
			prefix,
			schedules: false,
		});
		try {
			await eventually(async () => (await messagesOf(a.id)).length === 150);
			await eventually(async () => (await messagesOf(b.id)).length === 150);
		} finally {
			await workers.close();
		}
		// Tenancy: each business got its own 25 customers for the 50 addresses it was sent.
		for (const business of [a, b]) {
			const rows = await messagesOf(business.id);
			expect(new Set(rows.map((r) => r.customerId)).size).toBe(25);
			expect(rows.every((r) => r.customerBusinessId === business.id)).toBe(true);
		}
		// now() is the transaction's start: customers created by one batch share created_at.
		const { batches } = await db
			.selectFrom('customers')
			.select((eb) => eb.fn.count<number>('createdAt').distinct().as('batches'))
			.where('businessId', '=', a.id)
			.executeTakeFirstOrThrow();
		expect(Number(batches)).toBeLessThan(25);
	});

	it('takes a job queued by the previous release (fields as an object) and stores its fields as pairs', async () => {
		const business = await createTestBusiness(db);
		const { fields: _, ...current } = submission(business.id);
		const old = {
			...current,
			fields: { email: current.email, colour_scheme: 'green', how_did_you_hear: 'Radio' },
		};
		const queue = new Queue('ingest', { connection, prefix });
		await queue.add(
			'ingest-form-submissions',
			{ submissions: [old] },
			{ jobId: `form-${old.submissionId}` },
		);
		await queue.close();
		const workers = await startWorkers({
			connection,
			deps: {
				db,
				log,
				mailer: createMailer('smtp://127.0.0.1:1', 'Test <t@rapport.test>'),
				templates: loadEmailTemplates(),
				origin: 'http://localhost',
				mailDomain: 'rapport.test',
			},
			concurrency: 1,
			formBatch: { size: 10, waitMs: 5 },
			prefix,
			schedules: false,
		});
		try {
			await eventually(async () => (await messagesOf(business.id)).length === 1);
		} finally {
			await workers.close();
		}
		const [message] = await messagesOf(business.id);
		expect(message!.fields).toEqual([
			{ name: 'email', value: current.email },
			{ name: 'colour_scheme', value: 'green' },
			{ name: 'how_did_you_hear', value: 'Radio' },
		]);
	});

	it('matches an existing customer case-insensitively and never renames them', async () => {
		const business = await createTestBusiness(db);
		const existing = await createTestCustomer(db, business.id, {
			name: 'Ada Lovelace',
			email: 'ada@example.test',
			lastActivityAt: new Date('2026-01-01T00:00:00Z'),
		});
		const job = submission(business.id, {
			email: 'ADA@Example.TEST',
			name: 'A. L.',
			phone: '+44 20 7946 0018',
			message: '<script>alert(1)</script> & <b>bold</b>',
			fields: [
				{ name: 'email', value: 'ADA@Example.TEST' },
				{ name: 'message', value: '<script>alert(1)</script>' },
				{ name: 'colour', value: 'red' },
			],
		});
		await storeFormSubmissions({ db }, [job]);

		const customer = await db
			.selectFrom('customers')
			.selectAll()
			.where('id', '=', existing.id)
			.executeTakeFirstOrThrow();
		expect(customer).toMatchObject({ name: 'Ada Lovelace', phone: '+44 20 7946 0018' });
		expect(customer.lastActivityAt.toISOString()).toBe(job.acceptedAt);
		const [message] = await messagesOf(business.id);
		expect(message).toMatchObject({
			customerId: existing.id,
			direction: 'inbound',
			channel: 'form',
			subject: 'Contact form',
			body: '<script>alert(1)</script> & <b>bold</b>',
			senderEmail: 'ADA@Example.TEST',
			sourceId: job.submissionId,
			fields: job.fields,
		});
		expect(message!.createdAt.toISOString()).toBe(job.acceptedAt);
	});

	it('stores a retried submission once', async () => {
		const business = await createTestBusiness(db);
		const job = submission(business.id);
		const first = await storeFormSubmissions({ db }, [job, { ...job }]);
		expect(first.stored).toEqual([{ sourceId: job.submissionId, customerId: expect.any(String) }]);
		expect(await storeFormSubmissions({ db }, [job])).toEqual({ stored: [] });
		expect(await messagesOf(business.id)).toHaveLength(1);
	});

	it('sends one live message per business of a batch naming each customer once, none for a retry', async () => {
		const business = await createTestBusiness(db);
		const events: { businessId: string; events: unknown[] }[] = [];
		const publish = async (businessId: string, list: unknown[]) => {
			events.push({ businessId, events: list });
		};
		const ingest = createFormIngest({ db, log, publish }, { batchSize: 10, batchWaitMs: 50 });
		const burst = [1, 2, 3].map(() => submission(business.id, { email: 'burst@example.test' }));
		const other = submission(business.id);
		const [a, , , b] = await Promise.all([...burst, other].map(ingest.add));
		await ingest.add(burst[0]!); // a retry of a stored submission
		await ingest.close();
		expect(events).toEqual([
			{
				businessId: business.id,
				events: [
					{ customerId: a, kind: 'message' },
					{ customerId: b, kind: 'message' },
				],
			},
		]);
	});

	it('one bad submission fails only its own job', async () => {
		const business = await createTestBusiness(db);
		const ingest = createFormIngest({ db, log }, { batchSize: 10, batchWaitMs: 5 });
		const good = [submission(business.id), submission(business.id)];
		const orphan = submission(randomUUID()); // its business does not exist (deleted meanwhile)
		const results = await Promise.allSettled([good[0]!, orphan, good[1]!].map(ingest.add));
		await ingest.close();
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await messagesOf(business.id)).toHaveLength(2);
	});

	it('a job of submissions accepted together stores each once, holds spam, and retries whole', async () => {
		const business = await createTestBusiness(db);
		const formIngest = createFormIngest({ db, log }, { batchSize: 10, batchWaitMs: 1 });
		const now = new Date();
		const fine = submission(business.id, { email: 'one@example.test' });
		const spam = submission(business.id, {
			acceptedAt: now.toISOString(),
			startedAt: now.getTime() - 200,
		});
		const orphan = submission(randomUUID()); // its business was deleted meanwhile
		// The same submission twice (a retried request with one Idempotency-Key): stored once.
		const job = { submissions: [fine, spam, fine, submission(business.id)] };
		expect(await ingestFormSubmissions(job, { db, formIngest })).toEqual({
			stored: 3,
			quarantined: 1,
		});
		await expect(
			ingestFormSubmissions({ submissions: [fine, orphan] }, { db, formIngest }),
		).rejects.toThrow();
		// The retry of that job finds `fine` stored already: nothing doubles.
		await formIngest.close();
		const messages = await messagesOf(business.id);
		expect(messages.map((m) => m.sourceId).sort()).toEqual(
			[fine.submissionId, job.submissions[3]!.submissionId].sort(),
		);
		const held = await db
			.selectFrom('formQuarantine')
			.select('submissionId')
			.where('businessId', '=', business.id)
			.execute();
		expect(held).toEqual([{ submissionId: spam.submissionId }]);
	});

	it('quarantines a form sent too fast, without a customer, and stores it once released', async () => {
		const business = await createTestBusiness(db);
		const events: unknown[] = [];
		const publish = async (businessId: string, list: unknown[]) => {
			events.push({ businessId, events: list });
		};
		const formIngest = createFormIngest({ db, log, publish }, { batchSize: 10, batchWaitMs: 1 });
		const acceptedAt = new Date();
		const job = submission(business.id, {
			acceptedAt: acceptedAt.toISOString(),
			startedAt: acceptedAt.getTime() - 500,
		});
		expect(await ingestFormSubmission(job, { db, formIngest })).toEqual({ quarantined: true });
		expect(await ingestFormSubmission(job, { db, formIngest })).toEqual({ quarantined: true });
		const held = await db
			.selectFrom('formQuarantine')
			.select(['submissionId', 'reason', 'payload'])
			.where('businessId', '=', business.id)
			.execute();
		expect(held).toEqual([
			{
				submissionId: job.submissionId,
				reason: expect.stringMatching(/^Sent 0\.5 s/),
				payload: job,
			},
		]);
		const customers = await db
			.selectFrom('customers')
			.select('id')
			.where('businessId', '=', business.id)
			.execute();
		expect(customers).toEqual([]);

		expect(events).toEqual([]);
		const released = { ...job, released: true };
		expect(await ingestFormSubmission(released, { db, formIngest })).toEqual({ stored: true });
		await ingestFormSubmission(released, { db, formIngest }); // a retry: no second notice
		await formIngest.close();
		const messages = await messagesOf(business.id);
		expect(messages).toHaveLength(1);
		expect(events).toEqual([
			{
				businessId: business.id,
				events: [{ customerId: messages[0]!.customerId, kind: 'message' }],
			},
		]);
	});
});
