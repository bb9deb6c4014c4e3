import { type Database, purgeDeletedNotes as purgeNotesDeletedBefore } from '@rapport/db';
import { NOTE_PURGE_AFTER_MS } from '../../domain/note.ts';

/**
 * The sweep of every business: notes past their Undo grace period go for good. Idempotent, so
 * a retried or doubled run is a no-op.
 */
export async function purgeDeletedNotes(deps: { db: Database }, now = new Date()) {
	const before = new Date(now.getTime() - NOTE_PURGE_AFTER_MS);
	return { deleted: await purgeNotesDeletedBefore(deps.db, before) };
}
