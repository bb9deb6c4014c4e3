import {
	type Database,
	findBusiness,
	findInvoice,
	insertPayment,
	lockInvoice,
	type PaymentMethod,
} from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { todayIn } from '../../domain/invoice-status.ts';
import { balanceDue } from '../../domain/payment.ts';
import type { Actor } from '../actor.ts';
import { applyLedger } from '../payments/ledger.ts';
import { assertAllowed } from './guards.ts';
import { requireInvoicePlan } from './plan.ts';
import { transitionInvoiceStatus } from './transition.ts';

/**
 * Mark as paid: records a payment of the whole balance due. A draft paid at the counter is
 * issued and paid in one step (its snapshot written in the same transaction).
 */
export async function markInvoicePaid(
	deps: { db: Database },
	actor: Actor,
	input: { id: string; paidOn: string; method?: PaymentMethod },
	now = new Date(),
) {
	await requireInvoicePlan(deps.db, actor);
	const invoice = await findInvoice(deps.db, actor.businessId, input.id);
	if (!invoice) throw new NotFoundError('Invoice');
	assertAllowed('markPaid', invoice);
	// "The future" is after the business's today, not UTC's.
	const business = await findBusiness(deps.db, actor.businessId);
	if (business && input.paidOn > todayIn(business.timeZone, now)) {
		throw new FieldValidationError({ paidOn: ['The payment date cannot be in the future'] });
	}
	if (input.paidOn < invoice.issueDate) {
		throw new FieldValidationError({
			paidOn: ['The payment date cannot be before the issue date'],
		});
	}
	await deps.db.transaction().execute(async (trx) => {
		let locked = await lockInvoice(trx, actor.businessId, input.id);
		if (!locked) throw new NotFoundError('Invoice');
		// Another change may have come first (paid, voided): say why in terms of the status now.
		assertAllowed('markPaid', locked);
		if (locked.status === 'draft') {
			const move = { action: 'markPaid', paidOn: input.paidOn } as const;
			await transitionInvoiceStatus({ db: trx }, actor, { id: locked.id, move });
			locked = { ...locked, status: 'paid' };
		}
		const due = balanceDue(locked);
		if (due > 0) {
			await insertPayment(trx, actor.businessId, {
				invoiceId: locked.id,
				amountMinor: due,
				currency: locked.currency,
				paidOn: input.paidOn,
				method: input.method ?? 'other',
				createdBy: actor.userId,
			});
		}
		await applyLedger(trx, actor, locked);
	});
	return { id: invoice.id };
}

/** The move lost a race: say why in terms of the status it has now. */
export async function refuseAsItIsNow(
	deps: { db: Database },
	actor: Actor,
	id: string,
	action: 'markPaid' | 'void',
) {
	const current = await findInvoice(deps.db, actor.businessId, id);
	if (!current) throw new NotFoundError('Invoice');
	assertAllowed(action, current);
}
