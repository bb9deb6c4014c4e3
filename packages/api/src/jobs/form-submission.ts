import { z } from 'zod';
import { formSubmissionData } from '../domain/form-submission.ts';

/**
 * The one job that carries data instead of ids: the endpoint writes nothing to the database
 * (it only validates and enqueues), so the queued job IS the accepted submission until the
 * worker stores it. Redis runs with AOF, so an accepted job survives a Redis restart.
 */
export const formSubmissionJob = formSubmissionData.extend({
	businessId: z.uuid(),
	/** The id answered to the sender; messages.source_id, so storing is idempotent. */
	submissionId: z.uuid(),
	/** When the endpoint accepted it: the message's time and the spam check's clock. */
	acceptedAt: z.iso.datetime(),
	/** Set when a person released it from quarantine: skip the spam checks. */
	released: z.boolean().optional(),
});

export type FormSubmissionJob = z.infer<typeof formSubmissionJob>;

/** BullMQ ignores a second job with the same id while the first is kept (no ':', not digits). */
export function formSubmissionJobId(submissionId: string, released = false): string {
	return `${released ? 'form-release' : 'form'}-${submissionId}`;
}

/** Ingestion must outlast a database outage: ~18 h of exponential backoff before giving up. */
export const FORM_SUBMISSION_ATTEMPTS = 15;
