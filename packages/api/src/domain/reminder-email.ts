import { translatorFor } from '../i18n/index.ts';
import { longDate } from './invoice-email.ts';
import { DEFAULT_LANGUAGE, DOCUMENT_FALLBACK_LOCALE, type Language } from './language.ts';
import { formatMoney } from './money.ts';
import type { ReminderStep } from './reminder-schedule.ts';

export const REMINDER_SUBJECT_MAX = 200;
export const REMINDER_MESSAGE_MAX = 5_000;

/** The variables a step's own subject and message may use, as {name}. */
export const REMINDER_EMAIL_VARIABLES = [
	'number',
	'total',
	'balance',
	'dueDate',
	'link',
	'business',
	'customer',
] as const;

type ReminderVariables = Record<(typeof REMINDER_EMAIL_VARIABLES)[number], string>;

/** Known {variables} are replaced; anything else in braces stays as typed. */
export function fillReminderTemplate(template: string, values: Partial<ReminderVariables>) {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		Object.hasOwn(values, name) ? (values[name as keyof ReminderVariables] ?? whole) : whole,
	);
}

/** Which default words a step uses: before, on, or after the due date. */
export function reminderPhase(offsetDays: number): 'before' | 'due' | 'after' {
	if (offsetDays < 0) return 'before';
	return offsetDays === 0 ? 'due' : 'after';
}

/**
 * A reminder's subject and message in the invoice's language (the one it was issued in): the
 * step's own template when the owner wrote one, else the language's default for its phase.
 * {link} stays in the message until delivery, as with the invoice email.
 */
export function reminderEmail(input: {
	step: ReminderStep | null;
	/** The step used for the words when a manual nudge claims no step of its own. */
	fallbackOffsetDays: number;
	language?: Language;
	locale?: string;
	invoice: {
		number: string;
		totalMinor: number;
		balanceMinor: number;
		currency: string;
		dueDate: string;
	};
	business: string;
	customer: string;
}) {
	const language = input.language ?? DEFAULT_LANGUAGE;
	const locale = input.locale ?? DOCUMENT_FALLBACK_LOCALE;
	const t = translatorFor(language);
	const { invoice } = input;
	const values: Omit<ReminderVariables, 'link'> = {
		number: invoice.number,
		total: formatMoney(invoice.totalMinor, invoice.currency, locale),
		balance: formatMoney(invoice.balanceMinor, invoice.currency, locale),
		dueDate: longDate(locale, invoice.dueDate),
		business: input.business,
		customer: input.customer,
	};
	const phase = reminderPhase(input.step?.offsetDays ?? input.fallbackOffsetDays);
	const subject = input.step?.subject
		? fillReminderTemplate(input.step.subject, values)
		: t(`reminder.${phase}.subject`, values);
	const message = input.step?.message
		? fillReminderTemplate(input.step.message, values)
		: t(`reminder.${phase}.message`, { ...values, link: '{link}' });
	return { subject: subject.replace(/[\r\n]+/g, ' ').trim(), message };
}
