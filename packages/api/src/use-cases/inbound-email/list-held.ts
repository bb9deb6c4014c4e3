import { type Database, listEmailQuarantine } from '@rapport/db';
import { heldReasonLabel } from '../../domain/inbound-email.ts';
import type { Actor } from '../actor.ts';

/** The business's held mail, each with why it is held in words. */
export async function listHeldEmails(deps: { db: Database }, actor: Actor) {
	const { items: rows } = await listEmailQuarantine(deps.db, actor.businessId);
	return rows.map((row) => ({
		...row,
		reasonLabel: heldReasonLabel(row.reason, row.reasonDetail),
	}));
}
