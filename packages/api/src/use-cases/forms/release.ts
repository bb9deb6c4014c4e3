import { type Database, lockQuarantined, markQuarantineReleased } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import {
	enqueueFormSubmissions,
	type FormSubmissionJob,
	formSubmissionJob,
	formSubmissionJobId,
} from '../../jobs/form-submission.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';

/**
 * "Not spam": queues the submission for normal ingestion (spam checks skipped), then marks it
 * released, under a row lock. If marking fails after queueing, a second click queues the same
 * job id again and ingestion stores the message once (source id).
 */
export async function releaseHeldSubmission(
	deps: { db: Database; jobs: JobProducer },
	actor: Actor,
	input: { id: string },
) {
	return deps.db.transaction().execute(async (trx) => {
		const held = await lockQuarantined(trx, actor.businessId, input.id);
		if (!held) throw new NotFoundError('Held submission');
		if (held.releasedAt) return { id: held.id };
		const payload: FormSubmissionJob = {
			...formSubmissionJob.parse(held.payload),
			released: true,
		};
		// A group of one: the one job name for queued submissions.
		await enqueueFormSubmissions(deps.jobs, [payload], {
			jobId: formSubmissionJobId(payload.submissionId, true),
		});
		await markQuarantineReleased(trx, actor.businessId, held.id);
		return { id: held.id };
	});
}
