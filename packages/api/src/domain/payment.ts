import type { InvoiceStatus, PaymentMethod } from '@rapport/db';
import { formatMoney, parseMoney } from './money.ts';

/**
 * Payments and balances. An invoice's paid amount is the sum of its live payments; its balance
 * due is what is left of the total. Its status follows from them: an issued invoice is Paid
 * when the payments reach the total and Sent (shown as Partially paid when some was paid)
 * otherwise. Drafts and void invoices keep their status whatever was paid.
 */

export const PAYMENT_METHODS = [
	'card',
	'bank_transfer',
	'cash',
	'cheque',
	'online',
	'other',
] as const satisfies readonly PaymentMethod[];

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
	card: 'Card',
	bank_transfer: 'Bank transfer',
	cash: 'Cash',
	cheque: 'Cheque',
	online: 'Online',
	other: 'Other',
};

export const PAYMENT_REFERENCE_MAX = 200;
export const PAYMENT_NOTE_MAX = 2000;

interface Amounts {
	totalMinor: number;
	paidMinor: number;
}

/** What is still owed; never negative (an overpayment leaves nothing due). */
export function balanceDue({ totalMinor, paidMinor }: Amounts): number {
	return Math.max(totalMinor - paidMinor, 0);
}

export type PaymentState = 'unpaid' | 'partial' | 'paid';

export function paymentState({ totalMinor, paidMinor }: Amounts): PaymentState {
	if (paidMinor <= 0) return 'unpaid';
	return paidMinor >= totalMinor ? 'paid' : 'partial';
}

/**
 * The stored status once the ledger says `paidMinor`: issued invoices move between Sent and Paid
 * with it (a deleted payment reopens a paid invoice); drafts and void invoices do not move.
 */
export function statusForPayments(status: InvoiceStatus, amounts: Amounts): InvoiceStatus {
	if (status !== 'sent' && status !== 'paid') return status;
	// Nothing can be paid on a zero total: such an invoice stays as it was marked.
	if (amounts.totalMinor <= 0) return status;
	return paymentState(amounts) === 'paid' ? 'paid' : 'sent';
}

/** Why a payment taken by a provider needs the owner's attention; null when it does not. */
export function providerPaymentFlag(
	invoice: { status: InvoiceStatus } & Amounts,
	amountMinor: number,
): 'overpaid' | 'invoice_void' | null {
	if (invoice.status === 'void') return 'invoice_void';
	return amountMinor > balanceDue(invoice) ? 'overpaid' : null;
}

export interface ManualPaymentCheck {
	/** Canonical decimal text ("50.00"), already read from the user's locale. */
	amount: string;
	paidOn: string;
}

/**
 * The rules of a payment the owner records: a positive amount in the currency's minor units,
 * not above the balance due, dated between the issue date and today (the business's today).
 * Returns the amount in minor units, or the field errors.
 */
export function checkManualPayment(
	input: ManualPaymentCheck,
	invoice: { currency: string; issueDate: string; locale?: string } & Amounts,
	today: string,
): { amountMinor: number } | { errors: Record<string, string[]> } {
	const errors: Record<string, string[]> = {};
	const amountMinor = parseMoney(input.amount, invoice.currency);
	const due = balanceDue(invoice);
	if (amountMinor === null) {
		errors.amount = [
			/^\s*-?\d*\.\d+\s*$/.test(input.amount)
				? `Use at most the decimals ${invoice.currency} has`
				: 'Enter an amount',
		];
	} else if (amountMinor <= 0) {
		errors.amount = ['Enter an amount above zero'];
	} else if (amountMinor > due) {
		errors.amount = [
			`This is more than the balance due (${formatMoney(due, invoice.currency, invoice.locale)})`,
		];
	}
	if (input.paidOn > today) errors.paidOn = ['The payment date cannot be in the future'];
	else if (input.paidOn < invoice.issueDate) {
		errors.paidOn = ['The payment date cannot be before the issue date'];
	}
	if (Object.keys(errors).length || amountMinor === null) return { errors };
	return { amountMinor };
}
