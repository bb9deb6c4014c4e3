import { type Database, findInvoice } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { assertAllowed } from './guards.ts';
import { refuseAsItIsNow } from './mark-paid.ts';
import { requireInvoicePlan } from './plan.ts';
import { transitionInvoiceStatus } from './transition.ts';

/** Voids a sent invoice; its public link stops working. */
export async function voidInvoice(deps: { db: Database }, actor: Actor, input: { id: string }) {
	await requireInvoicePlan(deps.db, actor);
	const invoice = await findInvoice(deps.db, actor.businessId, input.id);
	if (!invoice) throw new NotFoundError('Invoice');
	assertAllowed('void', invoice);
	const move = { action: 'void' } as const;
	const moved = await deps.db
		.transaction()
		.execute((trx) => transitionInvoiceStatus({ db: trx }, actor, { id: input.id, move }));
	if (!moved) {
		await refuseAsItIsNow(deps, actor, input.id, 'void');
	}
	return { id: invoice.id };
}
