import { type Executor, findInvoiceReminderFacts } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import { effectivePlan, planIncludesInvoices } from '../../domain/plan.ts';
import { nextReminder } from '../../domain/reminder-schedule.ts';
import type { Actor } from '../actor.ts';
import { reminderFactsOf } from './facts.ts';

export type ReminderStatus =
	| { state: 'scheduled'; at: Date; offsetDays: number }
	| {
			state: 'none';
			reason: 'not-issued' | 'settled' | 'no-email' | 'paused' | 'off' | 'plan' | 'done';
	  };

/** What the invoice view says about reminders: when the next one goes out, or why none will. */
export async function reminderStatus(
	deps: { db: Executor },
	actor: Actor,
	input: { invoiceId: string },
	now = new Date(),
): Promise<ReminderStatus> {
	const row = await findInvoiceReminderFacts(deps.db, actor.businessId, input.invoiceId);
	// Another business's invoice is not found, never "not issued".
	if (!row) throw new NotFoundError('Invoice');
	if (row.status === 'draft') return { state: 'none', reason: 'not-issued' };
	if (row.status !== 'sent') return { state: 'none', reason: 'settled' };
	if (!row.customerEmail) return { state: 'none', reason: 'no-email' };
	if (row.remindersPausedAt) return { state: 'none', reason: 'paused' };
	if (!row.remindersEnabled) return { state: 'none', reason: 'off' };
	if (!planIncludesInvoices(effectivePlan(row, now))) return { state: 'none', reason: 'plan' };
	const next = nextReminder(reminderFactsOf(row), now);
	if (!next) return { state: 'none', reason: 'done' };
	return { state: 'scheduled', at: next.at, offsetDays: next.step.offsetDays };
}
