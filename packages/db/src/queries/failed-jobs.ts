import type { Executor } from '../executor.ts';
import { pageByTimeDesc, type TimeCursor } from '../keyset.ts';
import type { FailedJob } from '../schema.ts';

export type FailedJobRecord = Pick<
	FailedJob,
	'businessId' | 'queue' | 'jobName' | 'jobId' | 'payload' | 'kind' | 'reason' | 'attempts'
>;

/** Stores failures for good; recording the same job (and business) again updates its row. */
export async function recordFailedJobs(db: Executor, records: readonly FailedJobRecord[]) {
	if (records.length === 0) return;
	const now = new Date();
	await db
		.insertInto('failedJobs')
		.values(
			records.map((r) => ({
				businessId: r.businessId,
				jobKey: `${r.queue}/${r.jobId}/${r.businessId ?? '-'}`,
				queue: r.queue,
				jobName: r.jobName,
				jobId: r.jobId,
				payload: JSON.stringify(r.payload),
				kind: r.kind,
				reason: r.reason,
				attempts: r.attempts,
				failedAt: now,
			})),
		)
		.onConflict((oc) =>
			oc.column('jobKey').doUpdateSet((eb) => ({
				payload: eb.ref('excluded.payload'),
				kind: eb.ref('excluded.kind'),
				reason: eb.ref('excluded.reason'),
				attempts: eb.ref('excluded.attempts'),
				failedAt: eb.ref('excluded.failedAt'),
			})),
		)
		.execute();
}

/** The business's failed jobs, newest first, keyset-paged on (failed_at, id). */
export async function listFailedJobs(
	db: Executor,
	businessId: string,
	opts: { cursor?: TimeCursor<'failedAt'>; limit: number } = { limit: 100 },
) {
	const query = db
		.selectFrom('failedJobs')
		.select(['id', 'jobName', 'payload', 'kind', 'reason', 'attempts', 'failedAt'])
		.where('businessId', '=', businessId);
	return pageByTimeDesc(query, { time: 'failedAt', cursor: opts.cursor, limit: opts.limit });
}

/**
 * Removes one failed job of the business and returns what it was; undefined if there is none.
 * Inside a transaction the row stays locked until commit, so two Retry clicks re-run it once.
 */
export async function takeFailedJob(db: Executor, businessId: string, id: string) {
	return db
		.deleteFrom('failedJobs')
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.returning(['id', 'queue', 'jobName', 'payload'])
		.executeTakeFirst();
}
