import {
	type Executor,
	type lockInvoice,
	refreshCustomerOpenBalance,
	setInvoicePaidMinor,
	sumInvoicePayments,
} from '@rapport/db';
import { statusForPayments } from '../../domain/payment.ts';
import type { Actor } from '../actor.ts';
import { transitionInvoiceStatus } from '../invoices/transition.ts';

type LockedInvoice = NonNullable<Awaited<ReturnType<typeof lockInvoice>>>;

/**
 * Brings an invoice in line with its ledger after a payment was added or deleted: the paid
 * amount is re-summed from the live payments (never incremented), the status follows (Paid when
 * covered, Sent again when a deletion uncovered it) and the customer's open balance is
 * recomputed. Runs in the transaction that changed the ledger, with the invoice row locked.
 */
export async function applyLedger(trx: Executor, actor: Actor, invoice: LockedInvoice) {
	const { paidMinor, lastPaidOn } = await sumInvoicePayments(trx, invoice.id);
	const status = statusForPayments(invoice.status, { totalMinor: invoice.totalMinor, paidMinor });
	await setInvoicePaidMinor(
		trx,
		actor.businessId,
		invoice.id,
		paidMinor,
		status === 'paid' ? lastPaidOn : null,
	);
	let moved = false;
	if (status !== invoice.status) {
		const move =
			status === 'paid'
				? ({ action: 'settle', paidOn: lastPaidOn ?? invoice.issueDate } as const)
				: ({ action: 'reopen' } as const);
		moved = await transitionInvoiceStatus({ db: trx }, actor, { id: invoice.id, move });
	}
	// A move refreshes the open balance itself; a partial payment changes it without a move.
	if (!moved) await refreshCustomerOpenBalance(trx, actor.businessId, invoice.customerId);
	return { paidMinor, status };
}
