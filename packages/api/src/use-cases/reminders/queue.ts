import {
	type Database,
	findBusiness,
	findCustomer,
	findInvoice,
	isUniqueViolation,
	lockInvoice,
	REMINDER_STEP_UNIQUE,
} from '@rapport/db';
import { isLanguage } from '../../domain/language.ts';
import { balanceDue } from '../../domain/payment.ts';
import { reminderEmail } from '../../domain/reminder-email.ts';
import type { ReminderStep } from '../../domain/reminder-schedule.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';
import { enqueueEmail, enqueueEmailOrLeaveForSweep } from '../outbound-email/enqueue.ts';
import { recordOutboundEmail } from '../outbound-email/queue.ts';

export type ReminderDeps = { db: Database; jobs: JobProducer; mail: { domain: string } };

export type QueuedReminder =
	| { queued: true; messageId: string }
	| { queued: false; reason: 'claimed' | 'not-due' | 'no-email' | 'paused' };

/**
 * Records one reminder in the outbox and queues it. `step` is the schedule step it claims (null:
 * a manual nudge after every step was used, which claims none); the unique index on (invoice,
 * step) makes a second claim of the same step — a retry, a second worker, a nudge racing the
 * sweep — record nothing. The invoice row is locked, so a payment settling it meanwhile either
 * comes first (nothing is queued) or after (the delivery cancels the reminder).
 */
export async function queueReminder(
	deps: ReminderDeps,
	actor: Actor,
	input: {
		invoiceId: string;
		step: ReminderStep | null;
		/** The step whose words a step-less nudge uses. */
		wordsOf: ReminderStep;
		scheduled: boolean;
	},
): Promise<QueuedReminder> {
	const recorded: QueuedReminder = await deps.db
		.transaction()
		.execute(async (trx): Promise<QueuedReminder> => {
			const invoice = await lockInvoice(trx, actor.businessId, input.invoiceId);
			if (invoice?.status !== 'sent') return { queued: false, reason: 'not-due' } as const;
			const full = await findInvoice(trx, actor.businessId, invoice.id);
			if (input.scheduled && invoice.remindersPausedAt) {
				return { queued: false, reason: 'paused' } as const;
			}
			const [customer, business] = await Promise.all([
				findCustomer(trx, actor.businessId, invoice.customerId),
				findBusiness(trx, actor.businessId),
			]);
			if (!customer?.email || !business) return { queued: false, reason: 'no-email' } as const;
			const snapshot = full?.issuedSnapshot;
			const words = reminderEmail({
				step: input.step ?? input.wordsOf,
				fallbackOffsetDays: input.wordsOf.offsetDays,
				language: isLanguage(snapshot?.language) ? snapshot.language : business.language,
				locale: snapshot?.locale ?? business.locale,
				invoice: { ...invoice, dueDate: full?.dueDate ?? '', balanceMinor: balanceDue(invoice) },
				business: business.name,
				customer: customer.name,
			});
			// The claim is the transaction's last write: when it loses, nothing else is undone.
			const message = await recordOutboundEmail(trx, actor, deps.mail, {
				kind: 'reminder',
				customerId: customer.id,
				invoiceId: invoice.id,
				reminderOffset: input.step?.offsetDays ?? null,
				recipient: customer.email,
				subject: words.subject,
				body: words.message,
				inReplyTo: null,
			});
			return { queued: true, messageId: message.id } as const;
		})
		.catch((error: unknown) => {
			if (isUniqueViolation(error, REMINDER_STEP_UNIQUE)) {
				return { queued: false, reason: 'claimed' } as const;
			}
			throw error;
		});
	if (recorded.queued) {
		// The sweep's reminders wait for the outbox sweep if the queue is down; a manual nudge
		// says so to the owner (the email shows failed, with Retry).
		if (input.scheduled) await enqueueEmailOrLeaveForSweep(deps, recorded.messageId);
		else await enqueueEmail(deps, recorded.messageId);
	}
	return recorded;
}
