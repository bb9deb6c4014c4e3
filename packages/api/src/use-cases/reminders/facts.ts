import type { findInvoiceReminderFacts, findReminderCandidates } from '@rapport/db';
import type { ReminderFacts } from '../../domain/reminder-schedule.ts';

type CandidateRow = Awaited<ReturnType<typeof findReminderCandidates>>[number];
type InvoiceRow = NonNullable<Awaited<ReturnType<typeof findInvoiceReminderFacts>>>;

/** An invoice's place on its business's schedule, as the pure rules take it. */
export function reminderFactsOf(row: CandidateRow | InvoiceRow): ReminderFacts {
	const emailedAt = row.lastInvoiceEmailAt ? new Date(row.lastInvoiceEmailAt) : null;
	return {
		dueDate: row.dueDate,
		steps: row.reminderSteps,
		hour: row.reminderHour,
		timeZone: row.timeZone,
		// Issued without an email: the quiet day counts from the issue.
		lastInvoiceEmailAt: emailedAt ?? row.issuedAt ?? new Date(0),
		enabledSince: row.remindersEnabledAt,
		claimedOffsets: row.claimedOffsets,
	};
}
