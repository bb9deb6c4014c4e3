import { type Database, quarantineFormSubmission } from '@rapport/db';
import { spamReason } from '../../domain/form-spam.ts';
import type { FormSubmissionBatchJob, FormSubmissionJob } from '../../jobs/form-submission.ts';

/**
 * Where a submission that passed the spam checks goes: the worker's per-process micro-batcher,
 * whose flush is storeFormSubmissionBatch (one write for many concurrent jobs, so no round trip
 * per submission). Resolves once the submission's batch is written.
 */
export interface FormSubmissionStore {
	add(job: FormSubmissionJob): Promise<unknown>;
}

export interface FormIngestDeps {
	db: Database;
	formIngest: FormSubmissionStore;
}

/**
 * One submission. Spam (too fast after the form opened) goes to quarantine and creates no
 * customer; everything else joins the next batch. Retries are safe: both paths are idempotent
 * per submission id. The submission carries its business (resolved from the form key by the
 * endpoint), so there is no actor.
 */
export async function ingestFormSubmission(deps: FormIngestDeps, job: FormSubmissionJob) {
	const reason = job.released ? null : spamReason(job, new Date(job.acceptedAt));
	if (reason) {
		await quarantineFormSubmission(deps.db, job.businessId, {
			submissionId: job.submissionId,
			payload: job,
			reason,
		});
		return { quarantined: true as const };
	}
	await deps.formIngest.add(job);
	return { stored: true as const };
}

/**
 * Submissions the endpoint accepted together. Each goes its own way (quarantine or the next
 * batch); this fails, and the job is retried whole, if any of them could not be stored. Those
 * that were stored are skipped on the retry (idempotent per submission id).
 */
export async function ingestFormSubmissions(
	deps: FormIngestDeps,
	{ submissions }: FormSubmissionBatchJob,
) {
	const results = await Promise.allSettled(
		submissions.map((job) => ingestFormSubmission(deps, job)),
	);
	const failed = results.find((r) => r.status === 'rejected');
	if (failed) throw failed.reason;
	const quarantined = results.filter(
		(r) => r.status === 'fulfilled' && 'quarantined' in r.value,
	).length;
	return { stored: submissions.length - quarantined, quarantined };
}
