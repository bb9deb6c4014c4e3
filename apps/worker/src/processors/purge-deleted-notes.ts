import { NOTE_PURGE_AFTER_MS } from '@rapport/api/domain';
import { type Database, purgeDeletedNotes as purge } from '@rapport/db';

/** Idempotent: only notes past their Undo grace period go, and going twice is a no-op. */
export async function purgeDeletedNotes(deps: { db: Database }, now = new Date()) {
	return { deleted: await purge(deps.db, new Date(now.getTime() - NOTE_PURGE_AFTER_MS)) };
}
