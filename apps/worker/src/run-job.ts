import {
	failedJobKind,
	isOutageError,
	MAX_STALLED_COUNT,
	outageRetryDelayMs,
	STALLED_REASON,
} from '@rapport/api/domain';
import type { FinalFailure } from '@rapport/api/use-cases';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';

export interface RunJobDeps {
	log: Logger;
	/** Stores a failure for good (PostgreSQL); throws when the database is unreachable. */
	recordFailure(failure: FinalFailure): Promise<unknown>;
	/** Delay before the n-th outage retry in a row (tests shorten it). */
	outageDelayMs?: (retry: number) => number;
}

/**
 * Puts the job back as delayed without using up an attempt (BullMQ's moveToDelayed skips the
 * attempt count) and tells the worker it was moved, not failed.
 */
async function postpone(job: Job, token: string | undefined, cause: unknown, deps: RunJobDeps) {
	// Stalls also start the job; what is left counts the outage retries in a row.
	const retries = job.attemptsStarted - job.attemptsMade - job.stalledCounter - 1;
	const delay = (deps.outageDelayMs ?? outageRetryDelayMs)(retries);
	deps.log.warn(
		{ err: (cause as Error)?.message, jobId: job.id, name: job.name, delay },
		'dependency unavailable; job postponed',
	);
	await job.moveToDelayed(Date.now() + delay, token);
	throw new DelayedError();
}

/** Records the failure; a database outage at that moment keeps the job retrying instead. */
async function recordOrPostpone(
	job: Job,
	token: string | undefined,
	failure: Omit<FinalFailure, 'queue' | 'jobName' | 'jobId' | 'payload'>,
	deps: RunJobDeps,
) {
	try {
		await deps.recordFailure({
			queue: job.queueName,
			jobName: job.name,
			jobId: job.id ?? '',
			payload: job.data,
			...failure,
		});
	} catch (error) {
		if (isOutageError(error)) await postpone(job, token, error, deps);
		// A failure we cannot store is at least in BullMQ's failed list and the log.
		deps.log.error({ err: error, jobId: job.id, name: job.name }, 'could not record failed job');
	}
}

/**
 * Runs one job with the retry policy every queue shares:
 * - outages (database or Redis unreachable) are retried without limit, capped backoff, no attempt used;
 * - a job that stalled (its worker died) more than MAX_STALLED_COUNT times is set aside, so a
 *   job that kills the worker every time stops being retried;
 * - whatever fails for good is recorded in PostgreSQL, where its owner sees it and can retry it.
 */
export async function runJob(
	job: Job,
	token: string | undefined,
	process: () => Promise<unknown>,
	deps: RunJobDeps,
) {
	if (job.stalledCounter > MAX_STALLED_COUNT) {
		await recordOrPostpone(
			job,
			token,
			{ kind: 'stalled', reason: STALLED_REASON, attempts: job.attemptsStarted },
			deps,
		);
		throw new UnrecoverableError(STALLED_REASON);
	}
	try {
		return await process();
	} catch (error) {
		if (error instanceof DelayedError) throw error;
		if (isOutageError(error)) return postpone(job, token, error, deps);
		const e = error as Error;
		const kind = failedJobKind(e);
		const final = kind !== 'attempts' || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
		if (final) {
			await recordOrPostpone(
				job,
				token,
				{ kind, reason: e?.message ?? String(error), attempts: job.attemptsMade + 1 },
				deps,
			);
		}
		throw error;
	}
}
