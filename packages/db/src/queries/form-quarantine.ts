import type { Executor } from '../executor.ts';
import { deleteHeld, markHeldReleased } from '../held-rows.ts';
import { pageByTimeDesc, type TimeCursor } from '../keyset.ts';

export type QuarantineCursor = TimeCursor<'createdAt'>;

/** Holds a submission back; quarantining the same submission twice keeps the first. */
export async function quarantineFormSubmission(
	db: Executor,
	businessId: string,
	values: { submissionId: string; payload: unknown; reason: string },
) {
	await db
		.insertInto('formQuarantine')
		.values({
			businessId,
			submissionId: values.submissionId,
			payload: JSON.stringify(values.payload),
			reason: values.reason,
		})
		.onConflict((oc) => oc.columns(['businessId', 'submissionId']).doNothing())
		.execute();
}

/** Submissions still held, newest first, keyset-paged on (created_at, id). */
export async function listQuarantine(
	db: Executor,
	businessId: string,
	opts: { cursor?: QuarantineCursor; limit: number },
) {
	const query = db
		.selectFrom('formQuarantine')
		.select(['id', 'submissionId', 'payload', 'reason', 'createdAt'])
		.where('businessId', '=', businessId)
		.where('releasedAt', 'is', null);
	return pageByTimeDesc(query, { time: 'createdAt', cursor: opts.cursor, limit: opts.limit });
}

/** Locks one held submission of the business for release; undefined if none (or released). */
export async function lockQuarantined(db: Executor, businessId: string, id: string) {
	return db
		.selectFrom('formQuarantine')
		.select(['id', 'submissionId', 'payload', 'releasedAt'])
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
}

export async function markQuarantineReleased(db: Executor, businessId: string, id: string) {
	await markHeldReleased(db, 'formQuarantine', businessId, id);
}

/** Deletes a held (never released) submission of the business; false if there is none. */
export async function deleteQuarantined(db: Executor, businessId: string, id: string) {
	return deleteHeld(db, 'formQuarantine', businessId, id);
}
