import { type Database, listFailedJobs } from '@rapport/db';
import { describeFailedJob, plainFailureReason } from '../../domain/failed-job.ts';
import type { Actor } from '../actor.ts';

/** The business's jobs that could not be processed, newest first, described in plain words. */
export async function listFailedJobsFor(deps: { db: Database }, actor: Actor) {
	const { items: rows } = await listFailedJobs(deps.db, actor.businessId);
	return rows.map((row) => ({
		id: row.id,
		jobName: row.jobName,
		what: describeFailedJob(row.jobName, row.payload),
		reason: plainFailureReason(row.kind, row.reason, row.attempts),
		attempts: row.attempts,
		failedAt: row.failedAt,
	}));
}
