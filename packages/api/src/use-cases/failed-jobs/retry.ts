import { type Database, takeFailedJob } from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { type JobName, jobContract } from '../../jobs/contract.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';

/**
 * Queues a failed job again with the same payload, once: the row is taken (deleted) in the same
 * transaction, so a second click finds nothing, and a queue error keeps it. Re-running is safe:
 * ingestion is idempotent per submission / source id, and an email's row decides whether it
 * is sent. If it fails again it is recorded again, under its new job id.
 */
export async function retryFailedJob(
	deps: { db: Database; jobs: JobProducer },
	actor: Actor,
	input: { id: string },
) {
	return deps.db.transaction().execute(async (trx) => {
		const row = await takeFailedJob(trx, actor.businessId, input.id);
		if (!row) throw new NotFoundError('Failed job');
		const name = row.jobName as JobName;
		const parsed = jobContract[name]?.payload.safeParse(row.payload);
		if (!parsed?.success) throw new ConflictError('This job can no longer be retried.');
		await deps.jobs.enqueue(name, parsed.data as never, { jobId: `retry-${row.id}` });
		return { id: row.id };
	});
}
