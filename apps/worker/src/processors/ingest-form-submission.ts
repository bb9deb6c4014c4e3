import type { PublishCustomerEvents } from '@rapport/api/events';
import {
	createMicroBatcher,
	type FormSubmissionBatchJob,
	type FormSubmissionJob,
	type MicroBatcher,
} from '@rapport/api/jobs';
import {
	type FormIngestDeps,
	ingestFormSubmissions as ingestGroup,
	ingestFormSubmission as ingestOne,
	storeFormSubmissionBatch,
} from '@rapport/api/use-cases';
import type { Database } from '@rapport/db';
import type { Logger } from 'pino';

/** Per submission: the customer it was stored for, or null if it had been stored before. */
export type FormIngest = MicroBatcher<FormSubmissionJob, string | null>;

/**
 * The worker process's batcher: many concurrent jobs, one write per batch (the store step is
 * the use case storeFormSubmissionBatch). Per process by design: see micro-batcher.ts.
 */
export function createFormIngest(
	deps: { db: Database; log: Logger; publish?: PublishCustomerEvents },
	opts: { batchSize: number; batchWaitMs: number; maxInFlight?: number },
): FormIngest {
	return createMicroBatcher<FormSubmissionJob, string | null>({
		maxSize: opts.batchSize,
		maxWaitMs: opts.batchWaitMs,
		maxInFlight: opts.maxInFlight,
		flush: (jobs) => storeFormSubmissionBatch(deps, jobs),
		onBatchError: (err, size) =>
			deps.log.warn({ err, size }, 'form batch failed; storing its submissions one by one'),
	});
}

/** The old job name: one submission per job (still taken for jobs already queued). */
export const ingestFormSubmission = (job: FormSubmissionJob, deps: FormIngestDeps) =>
	ingestOne(deps, job);

/** Submissions accepted together; the job is retried whole if any could not be stored. */
export const ingestFormSubmissions = (job: FormSubmissionBatchJob, deps: FormIngestDeps) =>
	ingestGroup(deps, job);
