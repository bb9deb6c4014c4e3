import { type Database, purgeUnroutableEmails } from '@rapport/db';
import { UNROUTABLE_EMAIL_TTL_MS } from '../../domain/email-verification.ts';

/** Maintenance: unroutable mail older than 30 days goes. Idempotent. */
export async function purgeUnroutableEmail(deps: { db: Database }, now = new Date()) {
	return {
		deleted: await purgeUnroutableEmails(
			deps.db,
			new Date(now.getTime() - UNROUTABLE_EMAIL_TTL_MS),
		),
	};
}
