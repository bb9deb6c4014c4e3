import type { PaymentMethod } from '@rapport/db';
import { type Database, findBusiness, insertPayment, lockInvoice } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { todayIn } from '../../domain/invoice-status.ts';
import { checkManualPayment } from '../../domain/payment.ts';
import type { Actor } from '../actor.ts';
import { assertAllowed } from '../invoices/guards.ts';
import { requireInvoicePlan } from '../invoices/plan.ts';
import { applyLedger } from './ledger.ts';

export interface ManualPaymentInput {
	invoiceId: string;
	/** Canonical decimal text ("50.00"): the page reads the user's locale before sending. */
	amount: string;
	paidOn: string;
	method: PaymentMethod;
	reference?: string | null;
	note?: string | null;
}

/**
 * Record payment: money the owner received (cash, transfer, card at the counter) against an
 * issued invoice. Never more than the balance due and never in the future (the business's
 * today); the status and the customer's open balance follow in the same transaction.
 */
export async function recordPayment(
	deps: { db: Database },
	actor: Actor,
	input: ManualPaymentInput,
	now = new Date(),
) {
	await requireInvoicePlan(deps.db, actor);
	const business = await findBusiness(deps.db, actor.businessId);
	if (!business) throw new NotFoundError('Business');
	const today = todayIn(business.timeZone, now);
	return deps.db.transaction().execute(async (trx) => {
		const invoice = await lockInvoice(trx, actor.businessId, input.invoiceId);
		if (!invoice) throw new NotFoundError('Invoice');
		assertAllowed('recordPayment', invoice);
		const checked = checkManualPayment(input, { ...invoice, locale: business.locale }, today);
		if ('errors' in checked) throw new FieldValidationError(checked.errors);
		const payment = await insertPayment(trx, actor.businessId, {
			invoiceId: invoice.id,
			amountMinor: checked.amountMinor,
			currency: invoice.currency,
			paidOn: input.paidOn,
			method: input.method,
			reference: input.reference || null,
			note: input.note || null,
			createdBy: actor.userId,
		});
		if (!payment) throw new Error('A manual payment was not inserted');
		const ledger = await applyLedger(trx, actor, invoice);
		return { id: payment.id, invoiceId: invoice.id, ...ledger };
	});
}
