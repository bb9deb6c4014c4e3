import { findInvoiceReminderFacts } from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import {
	DEFAULT_REMINDER_STEPS,
	manualReminderStep,
	type ReminderStep,
} from '../../domain/reminder-schedule.ts';
import type { Actor } from '../actor.ts';
import { requireInvoicePlan } from '../invoices/plan.ts';
import { reminderFactsOf } from './facts.ts';
import { queueReminder, type ReminderDeps } from './queue.ts';

/**
 * Send reminder now: a manual nudge, always possible on an unpaid issued invoice (paused or
 * not, reminders on or off). It counts as the latest due step, or the next one, so the schedule
 * does not send that step again the next day; once every step was used it goes out on its own.
 */
export async function sendReminderNow(
	deps: ReminderDeps,
	actor: Actor,
	input: { invoiceId: string },
	now = new Date(),
) {
	await requireInvoicePlan(deps.db, actor, now);
	const row = await findInvoiceReminderFacts(deps.db, actor.businessId, input.invoiceId);
	if (!row) throw new NotFoundError('Invoice');
	if (row.status !== 'sent') {
		throw new ConflictError('Only an issued invoice that is not fully paid can be reminded.');
	}
	if (!row.customerEmail) {
		throw new FieldValidationError({
			email: ['Add an email address to this customer to send a reminder.'],
		});
	}
	const facts = reminderFactsOf(row);
	const steps: readonly ReminderStep[] = row.reminderSteps.length
		? row.reminderSteps
		: DEFAULT_REMINDER_STEPS;
	for (let attempt = 0; attempt < 3; attempt++) {
		const step = manualReminderStep({ ...facts, steps }, now);
		const wordsOf = step ?? [...steps].sort((a, b) => a.offsetDays - b.offsetDays).at(-1)!;
		const result = await queueReminder(deps, actor, {
			invoiceId: row.id,
			step,
			wordsOf,
			scheduled: false,
		});
		if (result.queued) return { messageId: result.messageId, step: step?.offsetDays ?? null };
		if (result.reason !== 'claimed') {
			throw new ConflictError('Only an issued invoice that is not fully paid can be reminded.');
		}
		// The sweep claimed that step a moment ago: count the nudge as the next one.
		facts.claimedOffsets = [...facts.claimedOffsets, step!.offsetDays];
	}
	throw new ConflictError('A reminder for this invoice is already on its way.');
}
