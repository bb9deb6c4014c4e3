import { type PublishCustomerEvents, publishCustomerEvents } from '@rapport/api/events';
import {
	defaultJobOptions,
	type JobName,
	parseJobPayload,
	type QueueName,
	queueNames,
	WORKER_HEARTBEAT_KEY,
	WORKER_HEARTBEAT_TTL_MS,
} from '@rapport/api/jobs';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type ProcessorDeps, processors } from './processors/index.ts';
import { createFormIngest } from './processors/ingest-form-submission.ts';

const maintenanceSchedules: { job: JobName; everyMs: number }[] = [
	{ job: 'purge-expired-sessions', everyMs: 60 * 60 * 1000 },
	{ job: 'purge-deleted-notes', everyMs: 30 * 1000 },
	{ job: 'sweep-outbox', everyMs: 30 * 1000 },
];

export interface WorkerOptions {
	connection: Redis;
	deps: Omit<ProcessorDeps, 'emailQueue' | 'formIngest'>;
	concurrency: number;
	/** Per-queue overrides of `concurrency` (the ingest queue wants many jobs at once to batch). */
	queueConcurrency?: Partial<Record<QueueName, number>>;
	/** Contact-form ingestion: flush at `size` submissions or `waitMs` after the first. */
	formBatch?: { size: number; waitMs: number; maxInFlight?: number };
	prefix?: string;
	/** How long a job's lock lasts; a crashed worker's job is retried after about this long. */
	lockDurationMs?: number;
	/**
	 * Declare the maintenance schedules (sweeps of the shared database). On by default; tests
	 * that run isolated workers on one database turn it off so they never pick up each
	 * other's rows.
	 */
	schedules?: boolean;
}

/** Starts a BullMQ worker per queue, the heartbeat and the repeatable maintenance jobs. */
export async function startWorkers({
	connection,
	deps: baseDeps,
	concurrency,
	prefix,
	lockDurationMs,
	queueConcurrency,
	formBatch,
	schedules = true,
}: WorkerOptions) {
	const emailQueue = new Queue('email', { connection, prefix, defaultJobOptions });
	const {
		size: batchSize,
		waitMs: batchWaitMs,
		maxInFlight,
	} = formBatch ?? { size: 1000, waitMs: 20, maxInFlight: 2 };
	const publish: PublishCustomerEvents = (businessId, events) =>
		publishCustomerEvents(connection, businessId, events);
	const formIngest = createFormIngest(
		{ publish, ...baseDeps },
		{ batchSize, batchWaitMs, maxInFlight },
	);
	const deps: ProcessorDeps = {
		publish,
		...baseDeps,
		emailQueue,
		formIngest,
	};
	const workers = queueNames.map((queue) => {
		const worker = new Worker(
			queue,
			async (job) => {
				const name = job.name as JobName;
				const run = processors[name] as (
					p: unknown,
					d: ProcessorDeps,
					a: unknown,
				) => Promise<unknown>;
				if (!run) throw new Error(`No processor for job ${job.name}`);
				const attempt = { attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1 };
				return run(parseJobPayload(name, job.data), deps, attempt);
			},
			{
				connection,
				concurrency: queueConcurrency?.[queue] ?? concurrency,
				prefix,
				...(lockDurationMs
					? { lockDuration: lockDurationMs, stalledInterval: lockDurationMs }
					: {}),
			},
		);
		worker.on('error', (err) => deps.log.error({ err, queue }, 'worker error'));
		worker.on('failed', (job, err) =>
			deps.log.warn(
				{ err: err.message, queue, jobId: job?.id, attempts: job?.attemptsMade },
				'job failed',
			),
		);
		return worker;
	});

	// Upserts are idempotent, so every worker process may declare the same schedules.
	if (schedules) {
		const maintenance = new Queue('maintenance', { connection, prefix });
		for (const { job, everyMs } of maintenanceSchedules) {
			await maintenance.upsertJobScheduler(job, { every: everyMs }, { name: job, data: {} });
		}
		await maintenance.close();
	}

	const beat = () =>
		connection
			.set(WORKER_HEARTBEAT_KEY, new Date().toISOString(), 'PX', WORKER_HEARTBEAT_TTL_MS)
			.catch((err) => deps.log.warn({ err }, 'heartbeat failed'));
	await beat();
	const heartbeat = setInterval(beat, WORKER_HEARTBEAT_TTL_MS / 3);

	return {
		/** Finishes in-flight jobs (BullMQ returns unfinished ones to the queue) then stops. */
		async close() {
			clearInterval(heartbeat);
			await Promise.all(workers.map((w) => w.close()));
			await formIngest.close();
			await emailQueue.close();
		},
	};
}
