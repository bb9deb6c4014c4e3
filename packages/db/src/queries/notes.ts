import { sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';
import { pageByTimeDesc, type TimeCursor } from '../keyset.ts';

export type NoteCursor = TimeCursor<'createdAt'>;

function selectNotes(db: Executor, businessId: string) {
	return db
		.selectFrom('notes')
		.leftJoin('users', 'users.id', 'notes.authorId')
		.select([
			'notes.id',
			'notes.customerId',
			'notes.body',
			'notes.version',
			'notes.createdAt',
			'notes.editedAt',
			'notes.deletedAt',
			'users.name as authorName',
		])
		.where('notes.businessId', '=', businessId);
}

/** Live notes of a customer, newest first, keyset-paged on (created_at, id). */
export async function listNotes(
	db: Executor,
	businessId: string,
	customerId: string,
	opts: { cursor?: NoteCursor; limit: number },
) {
	const query = selectNotes(db, businessId)
		.where('notes.customerId', '=', customerId)
		.where('notes.deletedAt', 'is', null);
	return pageByTimeDesc(query, {
		time: 'notes.createdAt',
		id: 'notes.id',
		cursor: opts.cursor,
		limit: opts.limit,
	});
}

/** A note whether live or soft-deleted; callers decide what a deleted one means. */
export async function findNote(db: Executor, businessId: string, id: string) {
	if (!isUuid(id)) return undefined;
	return selectNotes(db, businessId).where('notes.id', '=', id).executeTakeFirst();
}

export async function insertNote(
	db: Executor,
	businessId: string,
	values: { customerId: string; authorId: string; body: string },
) {
	const { id } = await db
		.insertInto('notes')
		.values({ ...values, businessId })
		.returning('id')
		.executeTakeFirstOrThrow();
	return (await findNote(db, businessId, id))!;
}

/** Saves only when the note is live and still at `version`; returns undefined otherwise. */
export async function updateNoteBody(
	db: Executor,
	businessId: string,
	id: string,
	body: string,
	version: number,
) {
	if (!isUuid(id)) return undefined;
	const row = await db
		.updateTable('notes')
		.set({ body, version: sql`version + 1`, editedAt: new Date() })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('deletedAt', 'is', null)
		.where('version', '=', version)
		.returning('id')
		.executeTakeFirst();
	return row && findNote(db, businessId, row.id);
}

export async function setNoteDeleted(
	db: Executor,
	businessId: string,
	id: string,
	deleted: boolean,
) {
	if (!isUuid(id)) return false;
	const result = await db
		.updateTable('notes')
		.set({ deletedAt: deleted ? new Date() : null })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('deletedAt', deleted ? 'is' : 'is not', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/** Removes for good the notes deleted before `before` (the Undo grace period has passed). */
export async function purgeDeletedNotes(db: Executor, before: Date) {
	const result = await db.deleteFrom('notes').where('deletedAt', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}
