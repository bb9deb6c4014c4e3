import { z } from 'zod';
import { translatorFor } from '../i18n/index.ts';
import {
	INVOICE_EMAIL_MESSAGE_MAX,
	INVOICE_EMAIL_SUBJECT_MAX,
	INVOICE_EMAIL_VARIABLES,
} from './invoice-email-template.ts';
import { DEFAULT_LANGUAGE, DOCUMENT_FALLBACK_LOCALE, type Language } from './language.ts';
import { formatMoney } from './money.ts';
import { multiLineText, singleLineText } from './text-input.ts';

export { INVOICE_EMAIL_MESSAGE_MAX, INVOICE_EMAIL_SUBJECT_MAX, INVOICE_EMAIL_VARIABLES };

/**
 * What the send dialog may change for one send. Each field left out falls back to the default
 * (invoiceEmailDefaults). The subject is a header: CR/LF are refused, never passed to SMTP.
 */
export const invoiceEmailInput = z.object({
	to: singleLineText('To', 254)
		.pipe(z.email({ error: 'Enter a valid email address' }))
		.optional(),
	subject: singleLineText('Subject', INVOICE_EMAIL_SUBJECT_MAX)
		.min(1, 'Enter a subject')
		.optional(),
	message: multiLineText('Message', INVOICE_EMAIL_MESSAGE_MAX)
		.refine((v) => v.trim().length > 0, 'Write a message')
		.optional(),
});

export type InvoiceEmailInput = z.output<typeof invoiceEmailInput>;

export type InvoiceEmailVariables = Record<(typeof INVOICE_EMAIL_VARIABLES)[number], string>;

/**
 * Replaces each known {variable} of a business's template; anything else in braces stays as
 * typed, so a literal "{" in a message is never lost. Variables absent from `values` stay too
 * ({link} is only known when the email is delivered: see fillInvoiceEmailLink).
 */
export function fillInvoiceEmailTemplate(
	template: string,
	values: Partial<InvoiceEmailVariables>,
): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		Object.hasOwn(values, name) ? (values[name as keyof InvoiceEmailVariables] ?? whole) : whole,
	);
}

/** The public link, filled in at delivery (the stored message keeps "{link}" until then). */
export function fillInvoiceEmailLink(message: string, link: string): string {
	return fillInvoiceEmailTemplate(message, { link });
}

// Due dates are calendar dates: formatted in UTC so no time zone moves them a day.
const longDates = new Map<string, Intl.DateTimeFormat>();
export function longDate(locale: string, isoDate: string): string {
	let format = longDates.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
		longDates.set(locale, format);
	}
	return format.format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * The invoice email as it goes out unless the sender changes it: the business's own subject and
 * message when it has set them (null: the language's default), in the invoice's language, with
 * the total and due date formatted in its locale.
 */
export function invoiceEmailDefaults(
	invoice: { number: string; totalMinor: number; currency: string; dueDate: string },
	business: {
		name: string;
		language?: Language;
		locale?: string;
		invoiceEmailSubject?: string | null;
		invoiceEmailMessage?: string | null;
	},
	customer: { email: string | null; name?: string },
) {
	const language = business.language ?? DEFAULT_LANGUAGE;
	const locale = business.locale ?? DOCUMENT_FALLBACK_LOCALE;
	const t = translatorFor(language);
	const values: Omit<InvoiceEmailVariables, 'link'> = {
		number: invoice.number,
		total: formatMoney(invoice.totalMinor, invoice.currency, locale),
		dueDate: longDate(locale, invoice.dueDate),
		business: business.name,
		customer: customer.name ?? '',
	};
	const subject = business.invoiceEmailSubject
		? fillInvoiceEmailTemplate(business.invoiceEmailSubject, values)
		: t('email.subject', values);
	const message = business.invoiceEmailMessage
		? fillInvoiceEmailTemplate(business.invoiceEmailMessage, values)
		: t('email.message', values);
	return {
		to: customer.email ?? '',
		// A header: a customer or business name can never break it onto a second line.
		subject: subject.replace(/[\r\n]+/g, ' ').trim(),
		message,
	};
}

/** The invoice email's own words, in the invoice's language, for the worker's templates. */
export function invoiceEmailLabels(document: {
	language: Language;
	invoice: { number: string };
	customer: { name: string };
}) {
	const t = translatorFor(document.language);
	return {
		title: t('document.title', { number: document.invoice.number }),
		greeting: t('email.greeting', { name: document.customer.name }),
		tax: t('document.tax'),
		total: t('document.total'),
		viewOnline: t('email.viewOnline'),
		viewOnlineText: t('email.viewOnlineText'),
		payNow: t('email.payNow'),
		payNowText: t('email.payNowText'),
		questions: t('email.questions'),
	};
}

export type InvoiceEmailLabels = ReturnType<typeof invoiceEmailLabels>;
