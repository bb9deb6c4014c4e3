import { type Database, findPayment, lockInvoice, markPaymentDeleted } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { requireInvoicePlan } from '../invoices/plan.ts';
import { applyLedger } from './ledger.ts';

/**
 * Deletes a mistaken payment: it leaves the balance but stays in the invoice's history (who
 * deleted it and when). A paid invoice it no longer covers is Sent again. Deleting twice is
 * harmless: the second time finds nothing live and changes nothing.
 */
export async function deletePayment(deps: { db: Database }, actor: Actor, input: { id: string }) {
	await requireInvoicePlan(deps.db, actor);
	const payment = await findPayment(deps.db, actor.businessId, input.id);
	if (!payment) throw new NotFoundError('Payment');
	return deps.db.transaction().execute(async (trx) => {
		// Invoice first, then the payment: the same lock order as recording one.
		const invoice = await lockInvoice(trx, actor.businessId, payment.invoiceId);
		if (!invoice) throw new NotFoundError('Payment');
		await markPaymentDeleted(trx, actor.businessId, payment.id, actor.userId);
		const ledger = await applyLedger(trx, actor, invoice);
		return { id: payment.id, invoiceId: invoice.id, ...ledger };
	});
}
