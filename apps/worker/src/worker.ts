import { MAX_STALLED_COUNT } from '@rapport/api/domain';
import { type PublishCustomerEvents, publishCustomerEvents } from '@rapport/api/events';
import {
	defaultJobOptions,
	isConnectionError,
	type JobName,
	parseJobPayload,
	type QueueName,
	queueNames,
	WORKER_HEARTBEAT_KEY,
	WORKER_HEARTBEAT_TTL_MS,
} from '@rapport/api/jobs';
import { type FinalFailure, recordFinalFailure } from '@rapport/api/use-cases';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type ProcessorDeps, processors } from './processors/index.ts';
import { createFormIngest } from './processors/ingest-form-submission.ts';
import { runJob } from './run-job.ts';

const maintenanceSchedules = (reminderSweepMs: number): { job: JobName; everyMs: number }[] => [
	{ job: 'purge-expired-sessions', everyMs: 60 * 60 * 1000 },
	{ job: 'sweep-reminders', everyMs: reminderSweepMs },
	{ job: 'purge-deleted-notes', everyMs: 30 * 1000 },
	{ job: 'sweep-outbox', everyMs: 30 * 1000 },
	{ job: 'purge-unroutable-email', everyMs: 60 * 60 * 1000 },
	{ job: 'purge-unstarted-imports', everyMs: 60 * 60 * 1000 },
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
	/** REMINDER_SWEEP_SECONDS in ms: how often due reminders are looked for. */
	reminderSweepMs?: number;
	/** Delay before the n-th outage retry in a row; tests shorten it. */
	outageDelayMs?: (retry: number) => number;
	/** Replaces processors (tests make one fail on purpose). */
	processors?: Partial<typeof processors>;
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
	reminderSweepMs = 60_000,
	outageDelayMs,
	processors: overrides,
}: WorkerOptions) {
	const table = { ...processors, ...overrides };
	const emailQueue = new Queue('email', { connection, prefix, defaultJobOptions });
	// Outages of the shared connection are reported once by watchRedis (main.ts), not per queue.
	emailQueue.on('error', () => {});
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
	// Maintenance jobs run again on their schedule; a failure of one is for the log only.
	const recordFailure = async (failure: FinalFailure) => {
		if (failure.queue === 'maintenance')
			return deps.log.error({ failure }, 'maintenance job failed');
		await recordFinalFailure(deps, failure);
		deps.log.error({ jobId: failure.jobId, name: failure.jobName }, 'job failed for good');
	};
	const workers = queueNames.map((queue) => {
		const worker = new Worker(
			queue,
			(job, token) =>
				runJob(
					job,
					token,
					() => {
						const name = job.name as JobName;
						const run = table[name] as (
							p: unknown,
							d: ProcessorDeps,
							a: unknown,
						) => Promise<unknown>;
						if (!run) throw new Error(`No processor for job ${job.name}`);
						const attempt = { attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1 };
						return run(parseJobPayload(name, job.data), deps, attempt);
					},
					{ log: deps.log, recordFailure, outageDelayMs },
				),
			{
				connection,
				concurrency: queueConcurrency?.[queue] ?? concurrency,
				prefix,
				// runJob sets a job aside after MAX_STALLED_COUNT stalls (and records it); BullMQ's
				// own limit, which fails without a record, is only a backstop above it.
				maxStalledCount: MAX_STALLED_COUNT * 2,
				...(lockDurationMs
					? { lockDuration: lockDurationMs, stalledInterval: lockDurationMs }
					: {}),
			},
		);
		worker.on('error', (err) => {
			if (!isConnectionError(err)) deps.log.error({ err, queue }, 'worker error');
		});
		worker.on('failed', (job, err) => {
			deps.log.warn(
				{ err: err.message, queue, jobId: job?.id, attempts: job?.attemptsMade },
				'job failed',
			);
			// BullMQ's backstop failed it without running runJob (it died while being set aside).
			if (job && job.stalledCounter > MAX_STALLED_COUNT * 2) {
				recordFailure({
					queue,
					jobName: job.name,
					jobId: job.id ?? '',
					payload: job.data,
					kind: 'stalled',
					reason: err.message,
					attempts: job.attemptsStarted,
				}).catch((error) => deps.log.error({ err: error }, 'could not record failed job'));
			}
		});
		return worker;
	});

	// Upserts are idempotent, so every worker process may declare the same schedules.
	if (schedules) {
		const maintenance = new Queue('maintenance', { connection, prefix });
		for (const { job, everyMs } of maintenanceSchedules(reminderSweepMs)) {
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
