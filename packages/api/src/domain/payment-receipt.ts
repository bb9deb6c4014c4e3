import { translatorFor } from '../i18n/index.ts';
import { longDate } from './invoice-email.ts';
import type { Language } from './language.ts';
import { formatMoney } from './money.ts';

/**
 * The receipt emailed for a payment received online, in the invoice's language and locale
 * (those it was issued in), and the line the owner sees on the Messages tab.
 */
export function paymentReceipt(input: {
	language: Language;
	locale: string;
	number: string;
	currency: string;
	amountMinor: number;
	balanceMinor: number;
	paidOn: string;
	link: string;
}) {
	const t = translatorFor(input.language);
	const values = {
		number: input.number,
		amount: formatMoney(input.amountMinor, input.currency, input.locale),
		balance: formatMoney(input.balanceMinor, input.currency, input.locale),
		date: longDate(input.locale, input.paidOn),
		link: input.link,
	};
	return {
		subject: t('receipt.subject', values).replace(/[\r\n]+/g, ' '),
		body: t('receipt.body', values),
	};
}

/** "Payment of $154.80 received online for INV-0003." — for the owner, in the app's English. */
export function paymentEventText(input: {
	number: string;
	currency: string;
	amountMinor: number;
	locale: string;
	flag: 'overpaid' | 'invoice_void' | null;
}) {
	const amount = formatMoney(input.amountMinor, input.currency, input.locale);
	const base = `Payment of ${amount} received online for ${input.number}.`;
	if (input.flag === 'overpaid') return `${base} This is more than was due: refund the difference.`;
	if (input.flag === 'invoice_void') return `${base} The invoice is void: refund the customer.`;
	return base;
}
