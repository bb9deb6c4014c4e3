import { TZDateMini } from '@date-fns/tz';
import type { ReminderStepRow } from '@rapport/db';

/**
 * Payment reminders. A business's schedule is a list of steps relative to the due date
 * (−3: three days before; 7: a week after), sent at one hour of the day in the business's time
 * zone. Each (invoice, step) goes out at most once; these pure rules decide which step, if any,
 * is due now — the sweep and "Send reminder now" act on their answer.
 */

export type ReminderStep = ReminderStepRow;

export const DEFAULT_REMINDER_STEPS: readonly ReminderStep[] = [
	{ offsetDays: -3 },
	{ offsetDays: 0 },
	{ offsetDays: 7 },
	{ offsetDays: 14 },
];
export const MAX_REMINDER_STEPS = 6;
export const MIN_REMINDER_OFFSET = -60;
export const MAX_REMINDER_OFFSET = 180;
export const DEFAULT_REMINDER_HOUR = 9;

/** No scheduled reminder within this long after the invoice email itself. */
export const QUIET_AFTER_INVOICE_EMAIL_MS = 24 * 60 * 60 * 1000;

/**
 * When a step goes out: `hour`:00 on due date + offset, on the business's wall clock. A
 * reminder at 09:00 stays at 09:00 across DST changes; an unknown zone counts as UTC.
 */
export function reminderStepTime(
	dueDate: string,
	offsetDays: number,
	hour: number,
	timeZone: string,
): Date {
	const [year, month, day] = dueDate.split('-').map(Number) as [number, number, number];
	const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
	// TZDateMini normalises day overflow (31 + 7 → the 7th of next month) like Date does.
	return new Date(new TZDateMini(year, month - 1, day + offsetDays, hour, 0, 0, zone).getTime());
}

function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

export interface ReminderFacts {
	dueDate: string;
	steps: readonly ReminderStep[];
	hour: number;
	timeZone: string;
	/** When the invoice's email last went out (or, when never emailed, when it was issued). */
	lastInvoiceEmailAt: Date;
	/** When the business turned reminders on; steps before it are skipped. */
	enabledSince: Date | null;
	/** Offsets of the steps this invoice already had (sent, queued or nudged by hand). */
	claimedOffsets: readonly number[];
}

interface TimedStep {
	step: ReminderStep;
	at: Date;
}

function timedSteps(facts: ReminderFacts): TimedStep[] {
	return [...facts.steps]
		.sort((a, b) => a.offsetDays - b.offsetDays)
		.map((step) => ({
			step,
			at: reminderStepTime(facts.dueDate, step.offsetDays, facts.hour, facts.timeZone),
		}));
}

/** A step the schedule may send: after the quiet day following the invoice email, after turn-on, and later than any step already claimed. */
function mayGoOut(facts: ReminderFacts, { step, at }: TimedStep): boolean {
	if (at.getTime() < facts.lastInvoiceEmailAt.getTime() + QUIET_AFTER_INVOICE_EMAIL_MS)
		return false;
	if (facts.enabledSince && at < facts.enabledSince) return false;
	return facts.claimedOffsets.every((claimed) => claimed < step.offsetDays);
}

/**
 * The step the sweep should send now, or null. Only the latest step whose time has come is
 * considered: after downtime the invoice gets that one, never a burst of the missed ones, and
 * none at all if it was already claimed (or a later one was, by a manual nudge).
 */
export function dueReminderStep(facts: ReminderFacts, now: Date): ReminderStep | null {
	const latest = timedSteps(facts)
		.filter(({ at }) => at <= now)
		.at(-1);
	return latest && mayGoOut(facts, latest) ? latest.step : null;
}

/** The next reminder the schedule will send (for the invoice view), or null when none is left. */
export function nextReminder(facts: ReminderFacts, now: Date): TimedStep | null {
	const due = dueReminderStep(facts, now);
	if (due) return { step: due, at: now };
	return timedSteps(facts).find((timed) => timed.at > now && mayGoOut(facts, timed)) ?? null;
}

/**
 * The step a manual "Send reminder now" counts as: the latest step that is due if it was not
 * claimed, else the next unclaimed step (so the schedule does not send it the next day); null
 * when every step was used — the nudge then goes out on its own, with the last step's words.
 */
export function manualReminderStep(facts: ReminderFacts, now: Date): ReminderStep | null {
	const steps = timedSteps(facts);
	const latestClaimed = Math.max(-Infinity, ...facts.claimedOffsets);
	const latestDue = steps.filter(({ at }) => at <= now).at(-1);
	if (latestDue && latestDue.step.offsetDays > latestClaimed) return latestDue.step;
	return steps.find(({ step }) => step.offsetDays > latestClaimed)?.step ?? null;
}

/** Field errors of a schedule as the owner edits it, keyed `steps.<i>.offsetDays`. */
export function reminderStepErrors(steps: readonly ReminderStep[]): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	if (steps.length > MAX_REMINDER_STEPS) {
		errors.steps = [`Use at most ${MAX_REMINDER_STEPS} reminder steps`];
	}
	const seen = new Set<number>();
	steps.forEach((step, i) => {
		const key = `steps.${i}.offsetDays`;
		if (
			!Number.isInteger(step.offsetDays) ||
			step.offsetDays < MIN_REMINDER_OFFSET ||
			step.offsetDays > MAX_REMINDER_OFFSET
		) {
			errors[key] = [
				`Choose a day between ${-MIN_REMINDER_OFFSET} days before and ${MAX_REMINDER_OFFSET} days after the due date`,
			];
		} else if (seen.has(step.offsetDays)) {
			errors[key] = ['Two steps fall on the same day; change or remove one'];
		}
		seen.add(step.offsetDays);
	});
	return errors;
}

/** "3 days before the due date", "On the due date", "7 days after the due date". */
export function reminderStepLabel(offsetDays: number): string {
	if (offsetDays === 0) return 'On the due date';
	const days = Math.abs(offsetDays);
	const unit = days === 1 ? 'day' : 'days';
	return `${days} ${unit} ${offsetDays < 0 ? 'before' : 'after'} the due date`;
}
