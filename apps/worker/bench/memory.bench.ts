// The worker process's resident memory (RSS), idle and through a burst of contact-form
// ingestion (groups of 20 submissions, as the endpoint queues them under load), next to the
// per-process budget. The worker runs as `npm start` runs it: src/main.ts with the Node flags of
// scripts/lib/memory.mjs and its default ingest concurrency.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { FORM_SUBMISSIONS_PER_JOB } from '@rapport/api/jobs';
import { createDb, insertBusiness } from '@rapport/db';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { memoryBudgetMb, memoryNodeArgs, rssSampler } from '../../../scripts/lib/memory.mjs';

const SUBMISSIONS = Number(process.env.BENCH_MEMORY_SUBMISSIONS ?? 100_000);
const SENDERS = 5000;
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const db = createDb(process.env.DATABASE_URL!);
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const prefix = `bench-memory-${randomUUID().slice(0, 8)}`;
const queue = new Queue('ingest', { connection, prefix });
const budget = memoryBudgetMb();
const nodeArgs = memoryNodeArgs();

const business = await insertBusiness(db, { name: `Bench: worker memory ${prefix}` });
const child = spawn(process.execPath, [...nodeArgs, main], {
	stdio: ['ignore', 'pipe', 'inherit'],
	env: {
		...process.env,
		SMTP_URL: 'smtp://127.0.0.1:1',
		QUEUE_PREFIX: prefix,
		WORKER_SCHEDULES: 'off',
		LOG_LEVEL: 'info',
	},
});
const exited = new Promise((resolve) => child.once('exit', resolve));
try {
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('worker started')) resolve();
		});
		child.once('exit', () => reject(new Error('the worker exited')));
	});
	await new Promise((r) => setTimeout(r, 2000));
	const rss = rssSampler(child.pid!);
	const idle = await rss.now();
	rss.start();

	const acceptedFrom = Date.now() - 60_000;
	const submission = (i: number) => ({
		businessId: business.id,
		submissionId: randomUUID(),
		acceptedAt: new Date(acceptedFrom + i).toISOString(),
		name: `Person ${i % SENDERS}`,
		email: `person${i % SENDERS}@bench.test`,
		phone: null,
		startedAt: null,
		message: `Hello, I would like a quote for an event (#${i}). `.repeat(4),
		fields: [
			{ name: 'name', value: `Person ${i % SENDERS}` },
			{ name: 'email', value: `person${i % SENDERS}@bench.test` },
			{ name: 'budget', value: '500' },
		],
	});
	const started = performance.now();
	const jobs = Math.ceil(SUBMISSIONS / FORM_SUBMISSIONS_PER_JOB);
	for (let j = 0; j < jobs; j += 500) {
		await queue.addBulk(
			Array.from({ length: Math.min(500, jobs - j) }, (_, k) => ({
				name: 'ingest-form-submissions',
				data: {
					submissions: Array.from({ length: FORM_SUBMISSIONS_PER_JOB }, (_, s) =>
						submission((j + k) * FORM_SUBMISSIONS_PER_JOB + s),
					).slice(0, SUBMISSIONS - (j + k) * FORM_SUBMISSIONS_PER_JOB),
				},
				opts: { removeOnComplete: true },
			})),
		);
	}
	const deadline = Date.now() + 180_000;
	for (;;) {
		const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
		if (Object.values(counts).every((n) => n === 0)) break;
		if (Date.now() > deadline) throw new Error('ingestion did not finish within 180 s');
		await new Promise((r) => setTimeout(r, 50));
	}
	const seconds = (performance.now() - started) / 1000;
	const peak = rss.stop();
	const after = await rss.now();
	const mb = (n: number) => `${n.toFixed(0).padStart(5)} MB`;
	const verdict = (n: number) => (n <= budget ? 'within' : 'OVER');
	console.log(
		`\nWorker process memory (RSS), a burst of ${SUBMISSIONS.toLocaleString('en')} submissions in ${jobs.toLocaleString('en')} jobs (node ${nodeArgs.join(' ')})`,
	);
	console.log(
		`  ingested in ${seconds.toFixed(1)} s = ${(SUBMISSIONS / seconds).toFixed(0)} submissions/s`,
	);
	console.log(`  idle                             ${mb(idle)}   target ≤ ${budget} MB`);
	console.log(`  peak during the burst            ${mb(peak)}   ${verdict(peak)} the target`);
	console.log(`  right after the burst            ${mb(after)}   ${verdict(after)} the target`);
} finally {
	child.kill('SIGTERM');
	await exited;
	await queue.obliterate({ force: true }).catch(() => {});
	await queue.close();
	connection.disconnect();
	await db.deleteFrom('businesses').where('id', '=', business.id).execute();
	await db.destroy();
}
