import { z } from 'zod';
import { formatMoney } from './money.ts';
import { multiLineText, singleLineText } from './text-input.ts';

export const INVOICE_EMAIL_SUBJECT_MAX = 200;
export const INVOICE_EMAIL_MESSAGE_MAX = 5_000;

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

// Due dates are calendar dates: formatted in UTC so no time zone moves them a day.
const longDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** The invoice email as it goes out unless the sender changes it (English for now). */
export function invoiceEmailDefaults(
	invoice: { number: string; totalMinor: number; currency: string; dueDate: string },
	business: { name: string },
	customer: { email: string | null },
) {
	const total = formatMoney(invoice.totalMinor, invoice.currency);
	const due = longDate.format(new Date(`${invoice.dueDate}T00:00:00Z`));
	return {
		to: customer.email ?? '',
		subject: `Invoice ${invoice.number} from ${business.name}`,
		message: `Here is invoice ${invoice.number} for ${total}, due on ${due}. The PDF is attached.`,
	};
}
