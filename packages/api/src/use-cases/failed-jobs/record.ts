import { type Database, type FailedJobRecord, recordFailedJobs } from '@rapport/db';
import type { FailedJobKind } from '../../domain/failed-job.ts';
import { type JobName, jobContract } from '../../jobs/contract.ts';

export interface FinalFailure {
	queue: string;
	jobName: string;
	jobId: string;
	/** The job's data as it was queued (not trusted to match the contract). */
	payload: unknown;
	kind: FailedJobKind;
	reason: string;
	attempts: number;
}

/** Who the job belonged to, and each business's own part of the payload (what Retry re-queues). */
async function partsByBusiness(
	db: Database,
	jobName: string,
	payload: unknown,
): Promise<{ businessId: string | null; payload: unknown }[]> {
	const contract = jobContract[jobName as JobName];
	const parsed = contract?.payload.safeParse(payload);
	if (!parsed?.success) return [{ businessId: null, payload }];
	const data = parsed.data as Record<string, unknown>;
	if (jobName === 'ingest-form-submissions') {
		const { submissions } = data as { submissions: { businessId: string }[] };
		const groups = new Map<string, unknown[]>();
		for (const s of submissions) groups.set(s.businessId, [...(groups.get(s.businessId) ?? []), s]);
		return [...groups].map(([businessId, part]) => ({
			businessId,
			payload: { submissions: part },
		}));
	}
	if (typeof data.businessId === 'string') return [{ businessId: data.businessId, payload }];
	if (jobName === 'send-email') {
		const row = await db
			.selectFrom('messages')
			.select('businessId')
			.where('id', '=', data.messageId as string)
			.executeTakeFirst();
		return [{ businessId: row?.businessId ?? null, payload }];
	}
	return [{ businessId: null, payload }];
}

/**
 * Keeps a job that failed for good where its owner can see and retry it: one row per business
 * it concerned, each with only that business's part. A system workflow across businesses, so it
 * takes no actor. Throws when the database is unreachable; the worker then keeps the job.
 */
export async function recordFinalFailure(deps: { db: Database }, failure: FinalFailure) {
	const parts = await partsByBusiness(deps.db, failure.jobName, failure.payload);
	const records: FailedJobRecord[] = parts.map(({ businessId, payload }) => ({
		businessId,
		payload,
		queue: failure.queue,
		jobName: failure.jobName,
		jobId: failure.jobId,
		kind: failure.kind,
		reason: failure.reason.slice(0, 2000),
		attempts: failure.attempts,
	}));
	await recordFailedJobs(deps.db, records);
	return { recorded: records.length };
}
