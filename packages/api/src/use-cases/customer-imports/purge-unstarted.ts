import { type Database, deleteUnstartedImportsBefore } from '@rapport/db';

/** A day to come back to the mapping step; after that an unstarted upload is dropped. */
export const UNSTARTED_IMPORT_KEPT_MS = 24 * 60 * 60 * 1000;

/** The maintenance sweep's part for imports: idempotent (twice deletes nothing more). */
export async function purgeUnstartedImports(deps: { db: Database }, now = new Date()) {
	const before = new Date(now.getTime() - UNSTARTED_IMPORT_KEPT_MS);
	return { deleted: await deleteUnstartedImportsBefore(deps.db, before) };
}
