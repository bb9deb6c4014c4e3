import { describe, expect, it } from 'vitest';
import {
	DEFAULT_REMINDER_STEPS,
	dueReminderStep,
	manualReminderStep,
	nextReminder,
	type ReminderFacts,
	reminderStepErrors,
	reminderStepTime,
} from './reminder-schedule.ts';

const facts = (over: Partial<ReminderFacts> = {}): ReminderFacts => ({
	dueDate: '2026-11-23',
	steps: DEFAULT_REMINDER_STEPS,
	hour: 9,
	timeZone: 'Europe/Paris',
	lastInvoiceEmailAt: new Date('2026-11-01T10:00:00Z'),
	enabledSince: null,
	claimedOffsets: [],
	...over,
});
const now = new Date('2026-12-01T12:00:00Z');

describe('reminder times', () => {
	it('stay at the local hour across DST changes', () => {
		// Paris: UTC+2 in summer, UTC+1 from 25 October 2026.
		expect(reminderStepTime('2026-10-20', 0, 9, 'Europe/Paris').toISOString()).toBe(
			'2026-10-20T07:00:00.000Z',
		);
		expect(reminderStepTime('2026-10-20', 7, 9, 'Europe/Paris').toISOString()).toBe(
			'2026-10-27T08:00:00.000Z',
		);
		expect(reminderStepTime('2026-03-01', -3, 9, 'America/New_York').toISOString()).toBe(
			'2026-02-26T14:00:00.000Z',
		);
		expect(reminderStepTime('2026-01-31', 7, 9, 'Not/AZone').toISOString()).toBe(
			'2026-02-07T09:00:00.000Z',
		);
	});
});

describe('which step is due', () => {
	it('an invoice 8 days past due gets the +7 step only, once', () => {
		expect(dueReminderStep(facts(), now)).toEqual({ offsetDays: 7 });
		expect(dueReminderStep(facts({ claimedOffsets: [7] }), now)).toBeNull();
	});

	it('after downtime sends only the latest due step, never the missed ones', () => {
		// −3 and 0 were never sent; +7 is the one that goes.
		expect(dueReminderStep(facts({ claimedOffsets: [] }), now)).toEqual({ offsetDays: 7 });
		expect(dueReminderStep(facts(), new Date('2026-12-08T12:00:00Z'))).toEqual({
			offsetDays: 14,
		});
	});

	it('skips steps that passed before the invoice was emailed or within a day of it', () => {
		// Issued already overdue on 30 November: +7 (30 Nov 09:00 Paris) was before it.
		const late = facts({ lastInvoiceEmailAt: new Date('2026-11-30T10:00:00Z') });
		expect(dueReminderStep(late, now)).toBeNull();
		expect(nextReminder(late, now)?.step).toEqual({ offsetDays: 14 });
		// Emailed an hour before the step: the step is skipped, not sent the minute after.
		const justSent = facts({ lastInvoiceEmailAt: new Date('2026-11-30T07:00:00Z') });
		expect(dueReminderStep(justSent, now)).toBeNull();
	});

	it('skips steps before reminders were turned on', () => {
		expect(
			dueReminderStep(facts({ enabledSince: new Date('2026-12-01T00:00:00Z') }), now),
		).toBeNull();
	});

	it('a manual nudge counts as the step, so the schedule does not repeat it', () => {
		expect(manualReminderStep(facts(), now)).toEqual({ offsetDays: 7 });
		expect(manualReminderStep(facts({ claimedOffsets: [7] }), now)).toEqual({ offsetDays: 14 });
		// Nudged ahead of time with +14: +7 is not sent afterwards either.
		expect(dueReminderStep(facts({ claimedOffsets: [14] }), now)).toBeNull();
		expect(manualReminderStep(facts({ claimedOffsets: [14] }), now)).toBeNull();
	});

	it('shows the next one on the view', () => {
		const early = new Date('2026-11-10T12:00:00Z');
		expect(nextReminder(facts(), early)).toEqual({
			step: { offsetDays: -3 },
			at: new Date('2026-11-20T08:00:00Z'),
		});
	});
});

describe('schedule input', () => {
	it('refuses duplicates, out-of-range days and too many steps', () => {
		expect(reminderStepErrors([{ offsetDays: 7 }, { offsetDays: 7 }])).toEqual({
			'steps.1.offsetDays': ['Two steps fall on the same day; change or remove one'],
		});
		expect(Object.keys(reminderStepErrors([{ offsetDays: -61 }, { offsetDays: 181 }]))).toEqual([
			'steps.0.offsetDays',
			'steps.1.offsetDays',
		]);
		expect(
			reminderStepErrors(Array.from({ length: 7 }, (_, i) => ({ offsetDays: i }))).steps,
		).toEqual(['Use at most 6 reminder steps']);
	});
});
