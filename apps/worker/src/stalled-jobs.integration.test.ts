import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createJobProducer, type FormSubmissionJob, formSubmissionJobId } from '@rapport/api/jobs';
import { createDb } from '@rapport/db';
import { createTestBusiness, createTestCustomer, testDatabaseUrl } from '@rapport/db/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from './testing/eventually.ts';

const db = createDb(testDatabaseUrl());
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const children: ChildProcess[] = [];

afterAll(async () => {
	for (const child of children) child.kill('SIGKILL');
	await connection.quit();
	await db.destroy();
});

/** The real worker process, as deployed, on a queue prefix of its own, with a 1 s lock. */
function startWorkerProcess(prefix: string) {
	const child = spawn(process.execPath, [main], {
		env: {
			...process.env,
			SMTP_URL: 'smtp://127.0.0.1:1',
			QUEUE_PREFIX: prefix,
			WORKER_LOCK_DURATION_MS: '1000',
			WORKER_SCHEDULES: 'off',
			LOG_LEVEL: process.env.TEST_DEBUG ? 'info' : 'warn',
		},
		stdio: process.env.TEST_DEBUG ? 'inherit' : 'ignore',
	});
	children.push(child);
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	return { child, exited };
}

describe('stalled jobs', () => {
	it('a job whose worker is killed twice mid-job (on a slow database) is still retried and completes once', async () => {
		const prefix = `stall-${randomUUID().slice(0, 8)}`;
		const business = await createTestBusiness(db);
		const customer = await createTestCustomer(db, business.id);
		const email = `sender-${randomUUID().slice(0, 8)}@example.test`;
		const job: FormSubmissionJob = {
			businessId: business.id,
			submissionId: randomUUID(),
			acceptedAt: new Date().toISOString(),
			email,
			name: 'Sam Sender',
			phone: null,
			message: 'Hello',
			fields: [
				{ name: 'email', value: email },
				{ name: 'name', value: 'Sam Sender' },
				{ name: 'message', value: 'Hello' },
			],
			startedAt: null,
		};

		// The slow database: an open transaction holds the submission's message slot, so the
		// worker's insert waits on it until we roll back.
		let release = () => {};
		const released = new Promise<void>((resolve) => {
			release = resolve;
		});
		let held = (_pid: number) => {};
		const heldBy = new Promise<number>((resolve) => {
			held = resolve;
		});
		const holding = db.connection().execute(async (conn) => {
			await sql`begin`.execute(conn);
			await sql`insert into messages (business_id, customer_id, direction, channel, source_id) values (${business.id}, ${customer.id}, 'inbound', 'form', ${job.submissionId})`.execute(
				conn,
			);
			const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
			held(rows[0]!.pid);
			await released;
			await sql`rollback`.execute(conn);
		});
		const blockerPid = await heldBy;
		// Backends waiting on our slot, directly or behind another waiter. A killed worker's
		// backend keeps waiting (PostgreSQL only notices a client is gone when it next talks to
		// it), so each crash leaves one more.
		const waitingOnUs = async () => {
			const { rows } = await sql<{ n: number }>`
				with recursive blocked(pid) as (
					select pid from pg_stat_activity where ${blockerPid}::int = any(pg_blocking_pids(pid))
					union
					select a.pid from pg_stat_activity a join blocked b on b.pid = any(pg_blocking_pids(a.pid))
				)
				select count(*)::int as n from blocked`.execute(db);
			return rows[0]!.n;
		};

		const producer = createJobProducer(connection, prefix);
		const jobId = formSubmissionJobId(job.submissionId);
		await producer.enqueue('ingest-form-submission', job, { jobId, attempts: 5 });
		await producer.close();
		const queue = new Queue('ingest', { connection, prefix });

		try {
			for (let crash = 0; crash < 2; crash++) {
				const worker = startWorkerProcess(prefix);
				await eventually(async () => {
					const current = await queue.getJob(jobId);
					return current?.stalledCounter === crash && (await waitingOnUs()) === crash + 1;
				}, 20_000);
				worker.child.kill('SIGKILL');
				await worker.exited;
			}
			startWorkerProcess(prefix);
			await eventually(async () => (await queue.getJob(jobId))?.stalledCounter === 2, 20_000);
			release();
			await holding;

			await eventually(
				async () => (await queue.getJob(jobId).then((j) => j?.getState())) === 'completed',
				20_000,
			);
			const stored = await db
				.selectFrom('messages')
				.select('id')
				.where('businessId', '=', business.id)
				.where('sourceId', '=', job.submissionId)
				.execute();
			expect(stored).toHaveLength(1);
			expect((await queue.getJob(jobId))?.attemptsMade).toBeLessThanOrEqual(1);
		} finally {
			release();
			await holding.catch(() => {});
			await queue.close();
		}
	}, 60_000);
});
