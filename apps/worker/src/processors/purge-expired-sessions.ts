import type { Database } from '@rapport/db';

/** Idempotent: deleting already-expired sessions twice changes nothing. */
export async function purgeExpiredSessions(deps: { db: Database }) {
	const result = await deps.db
		.deleteFrom('sessions')
		.where('expiresAt', '<', new Date())
		.executeTakeFirst();
	return { deleted: Number(result.numDeletedRows) };
}
