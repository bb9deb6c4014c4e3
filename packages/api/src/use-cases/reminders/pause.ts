import { type Database, setInvoiceRemindersPaused } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/** Pause reminders / Resume on one invoice; a manual "Send reminder now" still works paused. */
export async function setRemindersPaused(
	deps: { db: Database },
	actor: Actor,
	input: { invoiceId: string; paused: boolean },
) {
	if (
		!(await setInvoiceRemindersPaused(deps.db, actor.businessId, input.invoiceId, input.paused))
	) {
		throw new NotFoundError('Invoice');
	}
	return { invoiceId: input.invoiceId, paused: input.paused };
}
