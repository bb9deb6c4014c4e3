import type { Executor } from '../executor.ts';
import { beforeCursor, keysetPage } from '../keyset.ts';

export interface QuarantineCursor {
	createdAt: string;
	id: string;
}

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
	let query = db
		.selectFrom('formQuarantine')
		.select(['id', 'submissionId', 'payload', 'reason', 'createdAt'])
		.where('businessId', '=', businessId)
		.where('releasedAt', 'is', null)
		.orderBy('createdAt', 'desc')
		.orderBy('id', 'desc')
		.limit(opts.limit + 1);
	if (opts.cursor) {
		const { createdAt, id } = opts.cursor;
		query = query.where(beforeCursor('created_at', 'id', { at: createdAt, id }));
	}
	const { items, cursor: nextCursor } = keysetPage(
		await query.execute(),
		opts.limit,
		(row): QuarantineCursor => ({ createdAt: row.createdAt.toISOString(), id: row.id }),
	);
	return { items, nextCursor };
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
	await db
		.updateTable('formQuarantine')
		.set({ releasedAt: new Date() })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.execute();
}

/** Deletes a held (never released) submission of the business; false if there is none. */
export async function deleteQuarantined(db: Executor, businessId: string, id: string) {
	const result = await db
		.deleteFrom('formQuarantine')
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('releasedAt', 'is', null)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}
