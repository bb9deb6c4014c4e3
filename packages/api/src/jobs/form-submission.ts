import { z } from 'zod';
import { storedFormFields } from '../domain/form-fields.ts';
import { formSubmissionData } from '../domain/form-submission.ts';
import type { JobProducer } from './producer.ts';

/**
 * The one job that carries data instead of ids: the endpoint writes nothing to the database
 * (it only validates and enqueues), so the queued job IS the accepted submission until the
 * worker stores it. Redis runs with AOF, so an accepted job survives a Redis restart.
 */
export const formSubmissionJob = formSubmissionData.extend({
	/** Pairs in order; the object of jobs queued (or held) by the previous release is read too. */
	fields: storedFormFields,
	businessId: z.uuid(),
	/** The id answered to the sender; messages.source_id, so storing is idempotent. */
	submissionId: z.uuid(),
	/** When the endpoint accepted it: the message's time and the spam check's clock. */
	acceptedAt: z.iso.datetime(),
	/** Set when a person released it from quarantine: skip the spam checks. */
	released: z.boolean().optional(),
});

export type FormSubmissionJob = z.infer<typeof formSubmissionJob>;

/**
 * The most submissions the endpoint puts in one job. The worker holds up to
 * WORKER_INGEST_CONCURRENCY jobs at once, so this bounds its memory (200 × 20 at 300 MB); bursts in the
 * benchmark average ~11 per job, and 20 measured as fast as 100. Only ever raise it: the worker
 * validates groups against it, including those queued by web processes of an older release.
 */
export const FORM_SUBMISSIONS_PER_JOB = 20;

/**
 * Submissions accepted together by one web process, queued as one job: one queue write for a
 * burst instead of one per request (group commit). Each still answers its own sender, is
 * spam-checked and stored on its own, and storing stays idempotent per submission id.
 */
export const formSubmissionBatchJob = z.object({
	submissions: z.array(formSubmissionJob).min(1).max(FORM_SUBMISSIONS_PER_JOB),
});

export type FormSubmissionBatchJob = z.infer<typeof formSubmissionBatchJob>;

/** BullMQ ignores a second job with the same id while the first is kept (no ':', not digits). */
export function formSubmissionJobId(submissionId: string, released = false): string {
	return `${released ? 'form-release' : 'form'}-${submissionId}`;
}

/** Ingestion must outlast a database outage: ~18 h of exponential backoff before giving up. */
export const FORM_SUBMISSION_ATTEMPTS = 15;

/**
 * Queues submissions for storing as one `ingest-form-submissions` job: the endpoint's group
 * commit (a group per event-loop turn) and a release from quarantine (a group of one, with
 * `jobId: formSubmissionJobId(id, true)` so a second click is the same job).
 */
export function enqueueFormSubmissions(
	jobs: JobProducer,
	submissions: FormSubmissionJob[],
	opts: { jobId?: string } = {},
) {
	return jobs.enqueue(
		'ingest-form-submissions',
		{ submissions },
		{ attempts: FORM_SUBMISSION_ATTEMPTS, ...opts },
	);
}
