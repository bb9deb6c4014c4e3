// Contact-form ingestion end to end (accepted job → row visible in PostgreSQL), next to a no-op
// BullMQ pipeline on the same Redis (addBulk + a worker that does nothing), in the same run.
import { randomUUID } from 'node:crypto';
import { createDb, insertBusiness } from '@rapport/db';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { memoryBudgetMb } from '../../../scripts/lib/memory.mjs';
import { createMailer } from '../src/email/mailer.ts';
import { loadEmailTemplates } from '../src/email/templates.ts';
import { ingestConcurrencyFor } from '../src/env.ts';
import { startWorkers } from '../src/worker.ts';

const N = Number(process.env.BENCH_INGEST_JOBS ?? 20_000);
// The worker's default for the machine's budget (as `npm start` runs it).
const CONCURRENCY = Number(
	process.env.WORKER_INGEST_CONCURRENCY ?? ingestConcurrencyFor(memoryBudgetMb()),
);
// Distinct senders among the N submissions: repeat senders update their customer's activity.
const SENDERS = Number(process.env.BENCH_SENDERS ?? 2000);
// Under load the endpoint queues the submissions of one event-loop turn as one job: about
// 11 per job on average in the form benchmark (50 connections, full and half load).
const PER_JOB = Number(process.env.BENCH_SUBMISSIONS_PER_JOB ?? 10);
const db = createDb(process.env.DATABASE_URL!);
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });

async function addAll(queue: Queue, name: string, data: (i: number) => object, count = N) {
	for (let start = 0; start < count; start += 1000) {
		const size = Math.min(1000, count - start);
		await queue.addBulk(
			Array.from({ length: size }, (_, k) => ({
				name,
				data: data(start + k),
				opts: { removeOnComplete: true },
			})),
		);
	}
}

async function noopPipeline(count = N) {
	const prefix = `bench-noop-${randomUUID().slice(0, 8)}`;
	const queue = new Queue('noop', { connection, prefix });
	let done = 0;
	let finish: () => void = () => {};
	const finished = new Promise<void>((resolve) => (finish = resolve));
	const worker = new Worker('noop', async () => {}, {
		connection,
		prefix,
		concurrency: CONCURRENCY,
	});
	worker.on('completed', () => {
		if (++done === count) finish();
	});
	const started = performance.now();
	await addAll(queue, 'noop', (i) => ({ i }), count);
	await finished;
	const seconds = (performance.now() - started) / 1000;
	await worker.close();
	await queue.obliterate({ force: true });
	await queue.close();
	return count / seconds;
}

/** Submissions/s stored, queued one per job or `perJob` per job as the endpoint does. */
async function ingestion(perJob: number) {
	const prefix = `bench-ingest-${randomUUID().slice(0, 8)}`;
	const business = await insertBusiness(db, { name: `Bench: ingest ${prefix}` });
	const workers = await startWorkers({
		connection,
		deps: {
			db,
			log: pino({ level: 'warn' }),
			mailer: createMailer('smtp://127.0.0.1:1', 'Bench <bench@bench.test>'),
			templates: loadEmailTemplates(),
			origin: 'http://localhost',
			mailDomain: 'bench.test',
		},
		concurrency: 4,
		prefix,
		queueConcurrency: { ingest: CONCURRENCY },
		formBatch: {
			size: Number(process.env.INGEST_BATCH_SIZE ?? 1000),
			waitMs: Number(process.env.INGEST_BATCH_WAIT_MS ?? 20),
			maxInFlight: Number(process.env.INGEST_BATCHES_IN_FLIGHT ?? 2),
		},
	});
	const queue = new Queue('ingest', { connection, prefix });
	// Each submission a millisecond after the previous: repeat senders' activity moves, as live.
	const acceptedFrom = Date.now() - 60_000;
	const submission = (i: number) => ({
		businessId: business.id,
		submissionId: randomUUID(),
		acceptedAt: new Date(acceptedFrom + i).toISOString(),
		name: `Person ${i % SENDERS}`,
		email: `person${i % SENDERS}@bench.test`,
		phone: null,
		startedAt: null,
		message: `Hello, I would like a quote for an event (#${i}).`,
		fields: [
			{ name: 'name', value: `Person ${i % SENDERS}` },
			{ name: 'email', value: `person${i % SENDERS}@bench.test` },
			{ name: 'message', value: 'Hello' },
			{ name: 'budget', value: '500' },
		],
	});
	const started = performance.now();
	if (perJob === 1) await addAll(queue, 'ingest-form-submission', submission);
	else {
		const group = (j: number) => ({
			submissions: Array.from({ length: Math.min(perJob, N - j * perJob) }, (_, k) =>
				submission(j * perJob + k),
			),
		});
		await addAll(queue, 'ingest-form-submissions', group, Math.ceil(N / perJob));
	}
	// A job completes only after its row is committed, so an empty queue means every row is
	// visible. Polling the queue is cheap; counting a million-row table every 100 ms was not,
	// and it slowed the very database being measured. The rows are counted once at the end.
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (Date.now() > deadline)
			throw new Error('ingestion did not finish within 120 s (are jobs failing?)');
		const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
		if (Object.values(counts).every((n) => n === 0)) break;
		await new Promise((r) => setTimeout(r, 20));
	}
	const seconds = (performance.now() - started) / 1000;
	const { n } = await db
		.selectFrom('messages')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('businessId', '=', business.id)
		.executeTakeFirstOrThrow();
	if (Number(n) !== N) throw new Error(`${n} of ${N} submissions were stored (jobs failed?)`);
	await workers.close();
	await queue.obliterate({ force: true });
	await queue.close();
	await db.deleteFrom('businesses').where('id', '=', business.id).execute();
	return N / seconds;
}

// BullMQ's code paths warmed up (JIT) first, or the first run measured would be handicapped.
// The reference before and after, averaged: this machine's speed drifts between runs.
await noopPipeline(N / 4);
const noopBefore = await noopPipeline();
const single = await ingestion(1);
const grouped = await ingestion(PER_JOB);
const noopAfter = await noopPipeline();
const noop = (noopBefore + noopAfter) / 2;
const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 0 });
const pct = (n: number) => `${((n / noop) * 100).toFixed(0)} %`;
console.log(
	`\nContact-form ingestion, ${N.toLocaleString('en')} submissions (accepted job → row in PostgreSQL)`,
);
const line = (label: string, rate: number, note: string) =>
	console.log(`  ${label.padEnd(52)} ${fmt(rate).padStart(8)} /s   ${note}`);
line(
	'no-op BullMQ pipeline (addBulk + empty worker)',
	noop,
	`(reference, same run: ${fmt(noopBefore)} before, ${fmt(noopAfter)} after)`,
);
line(
	`ingestion as the endpoint queues it (${PER_JOB} per job)`,
	grouped,
	`${pct(grouped)} of the reference (target ≥ 70 %)`,
);
line(
	'ingestion, one job per submission (quiet traffic)',
	single,
	`${pct(single)} of the reference (CPU-bound here: apps/worker/README.md)`,
);
await connection.quit();
await db.destroy();
