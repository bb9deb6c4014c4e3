import { type Database, findBusiness, findInvoice } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { todayIn } from '../../domain/invoice-status.ts';
import type { Actor } from '../actor.ts';
import { assertAllowed } from './guards.ts';
import { requireInvoicePlan } from './plan.ts';
import { transitionInvoiceStatus } from './transition.ts';

/** Records the payment; a draft paid at the counter is issued and paid in one step. */
export async function markInvoicePaid(
	deps: { db: Database },
	actor: Actor,
	input: { id: string; paidOn: string },
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
	const move = { action: 'markPaid', paidOn: input.paidOn } as const;
	// A draft is issued by this move: its snapshot is written in the same transaction.
	const moved = await deps.db
		.transaction()
		.execute((trx) => transitionInvoiceStatus({ db: trx }, actor, { id: input.id, move }));
	if (!moved) {
		await refuseAsItIsNow(deps, actor, input.id, 'markPaid');
	}
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
