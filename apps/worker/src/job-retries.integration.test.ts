import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { MAX_STALLED_COUNT } from '@rapport/api/domain';
import { createJobProducer, type FormSubmissionJob, formSubmissionJobId } from '@rapport/api/jobs';
import { callerFor as signedInCaller } from '@rapport/api/testing';
import { createDb } from '@rapport/db';
import { createTestBusiness, createTestUser, testDatabaseUrl } from '@rapport/db/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { processors } from './processors/index.ts';
import { eventually } from './testing/eventually.ts';
import { startWorkers, type WorkerOptions } from './worker.ts';

const db = createDb(testDatabaseUrl());
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
const closers: (() => Promise<unknown>)[] = [];

afterAll(async () => {
	for (const close of closers.reverse()) await close().catch(() => {});
	await connection.quit();
	await db.destroy();
});

function submission(businessId: string): FormSubmissionJob {
	const email = `sender-${randomUUID().slice(0, 8)}@example.test`;
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
	};
}

const storedCount = (businessId: string, sourceId: string) =>
	db
		.selectFrom('messages')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('businessId', '=', businessId)
		.where('sourceId', '=', sourceId)
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));

async function workersFor(prefix: string, options: Partial<WorkerOptions> = {}) {
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
		prefix,
		schedules: false,
		formBatch: { size: 10, waitMs: 0 },
		outageDelayMs: () => 50,
		...options,
	});
	closers.push(() => workers.close());
	return workers;
}

/** A TCP door in front of the test database: shut (connections refused) until opened. */
async function databaseDoor() {
	const target = new URL(testDatabaseUrl());
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const port = (probe.address() as net.AddressInfo).port;
	await new Promise((resolve) => probe.close(resolve));
	const sockets = new Set<net.Socket>();
	const server = net.createServer((client) => {
		const upstream = net.connect(Number(target.port || 5432), target.hostname);
		for (const s of [client, upstream]) {
			sockets.add(s);
			s.on('error', () => {});
			s.on('close', () => sockets.delete(s));
		}
		client.pipe(upstream).pipe(client);
	});
	closers.push(async () => {
		for (const s of sockets) s.destroy();
		await new Promise((resolve) => server.close(resolve));
	});
	const url = new URL(testDatabaseUrl());
	url.hostname = '127.0.0.1';
	url.port = String(port);
	return {
		url: url.toString(),
		open: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
	};
}

describe('job retries', () => {
	it('an outage (connection refused) uses up no attempts: refused 8 times with 5 attempts, it still completes', async () => {
		const prefix = `retry-${randomUUID().slice(0, 8)}`;
		const business = await createTestBusiness(db);
		const door = await databaseDoor();
		const behindDoor = createDb(door.url);
		closers.push(() => behindDoor.destroy());
		await workersFor(prefix, { deps: { ...baseDeps(), db: behindDoor } });

		const producer = createJobProducer(connection, prefix);
		closers.push(() => producer.close());
		const job = submission(business.id);
		const jobId = formSubmissionJobId(job.submissionId);
		await producer.enqueue('ingest-form-submission', job, { jobId, attempts: 5 });

		const queue = new Queue('ingest', { connection, prefix });
		closers.push(() => queue.close());
		// Each start met a refused connection; the job is postponed, not failed.
		const refused = await eventually(async () => {
			const current = await queue.getJob(jobId);
			return current && current.attemptsStarted >= 9 ? current : null;
		}, 15_000);
		expect(refused.attemptsMade).toBe(0);
		await door.open();

		await eventually(
			async () => (await queue.getJob(jobId).then((j) => j?.getState())) === 'completed',
		);
		expect(await storedCount(business.id, job.submissionId)).toBe(1);
		expect(
			await db.selectFrom('failedJobs').select('id').where('jobId', '=', jobId).execute(),
		).toEqual([]);
	});

	it('a job failing for good is kept in failed_jobs and listed in Settings; Retry re-runs it once', async () => {
		const prefix = `retry-${randomUUID().slice(0, 8)}`;
		const business = await createTestBusiness(db);
		const user = await createTestUser(db, business.id);
		const other = await createTestBusiness(db);
		const otherUser = await createTestUser(db, other.id);
		let broken = true;
		await workersFor(prefix, {
			processors: {
				'ingest-form-submission': (payload, deps, attempt) => {
					if (broken) throw new Error('relation "secret_internal_table" does not exist');
					return processors['ingest-form-submission'](payload, deps, attempt);
				},
			},
		});
		const jobs = createJobProducer(connection, prefix);
		closers.push(() => jobs.close());
		const callerFor = (userId: string, businessId: string) =>
			signedInCaller({ db, jobs }, { userId, businessId });
		const owner = callerFor(user.id, business.id);
		const stranger = callerFor(otherUser.id, other.id);

		const job = submission(business.id);
		await jobs.enqueue('ingest-form-submission', job, {
			jobId: formSubmissionJobId(job.submissionId),
			attempts: 2,
		});
		const [item] = await eventually(async () => {
			const list = await owner.failedJobs.list();
			return list.length > 0 ? list : null;
		}, 15_000);
		expect(item).toMatchObject({
			jobName: 'ingest-form-submission',
			what: `Contact-form submission from Sam Sender <${job.email}>`,
			attempts: 2,
		});
		// Plain words for the owner; the raw error stays with the operators.
		expect(item!.reason).not.toContain('secret_internal_table');
		const stored = await db
			.selectFrom('failedJobs')
			.select(['reason', 'kind', 'businessId'])
			.where('id', '=', item!.id)
			.executeTakeFirstOrThrow();
		expect(stored).toMatchObject({ kind: 'attempts', businessId: business.id });
		expect(stored.reason).toContain('secret_internal_table');

		// Another business neither sees nor touches it.
		expect(await stranger.failedJobs.list()).toEqual([]);
		await expect(stranger.failedJobs.retry({ id: item!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		await expect(stranger.failedJobs.dismiss({ id: item!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});

		broken = false;
		await owner.failedJobs.retry({ id: item!.id });
		await expect(owner.failedJobs.retry({ id: item!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		await eventually(async () => (await storedCount(business.id, job.submissionId)) === 1);
		expect(await owner.failedJobs.list()).toEqual([]);
		// Ran once: a second run would have found the message stored and changed nothing anyway.
		const queue = new Queue('ingest', { connection, prefix });
		closers.push(() => queue.close());
		expect(await queue.getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 1 });
	});

	it('a job that killed its worker more than MAX_STALLED_COUNT times is set aside and recorded, not run again', async () => {
		const prefix = `retry-${randomUUID().slice(0, 8)}`;
		const business = await createTestBusiness(db);
		const producer = createJobProducer(connection, prefix);
		closers.push(() => producer.close());
		const job = submission(business.id);
		const jobId = formSubmissionJobId(job.submissionId);
		await producer.enqueue('ingest-form-submission', job, { jobId, attempts: 5 });
		// As if eleven workers had died under it (BullMQ counts stalls in the job's `stc` field).
		await connection.hset(`${prefix}:ingest:${jobId}`, 'stc', String(MAX_STALLED_COUNT + 1));
		await workersFor(prefix);

		const queue = new Queue('ingest', { connection, prefix });
		closers.push(() => queue.close());
		await eventually(
			async () => (await queue.getJob(jobId).then((j) => j?.getState())) === 'failed',
		);
		const [row] = await db
			.selectFrom('failedJobs')
			.select(['kind', 'businessId'])
			.where('jobId', '=', jobId)
			.execute();
		expect(row).toEqual({ kind: 'stalled', businessId: business.id });
		expect(await storedCount(business.id, job.submissionId)).toBe(0);
	});
});

function baseDeps() {
	return {
		db,
		log,
		mailer: createMailer('smtp://127.0.0.1:1', 'Test <t@rapport.test>'),
		templates: loadEmailTemplates(),
		origin: 'http://localhost',
		mailDomain: 'rapport.test',
	};
}
