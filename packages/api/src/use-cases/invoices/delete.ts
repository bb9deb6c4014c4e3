import { type Database, deleteDraftInvoice as deleteDraftRow, findInvoice } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { assertAllowed } from './guards.ts';
import { requireInvoicePlan } from './plan.ts';

/** Drafts only: anything the customer has seen is kept for the records. */
export async function deleteDraftInvoice(
	deps: { db: Database },
	actor: Actor,
	input: { id: string },
) {
	await requireInvoicePlan(deps.db, actor);
	const invoice = await findInvoice(deps.db, actor.businessId, input.id);
	if (!invoice) throw new NotFoundError('Invoice');
	assertAllowed('delete', invoice);
	if (!(await deleteDraftRow(deps.db, actor.businessId, input.id))) {
		const current = await findInvoice(deps.db, actor.businessId, input.id);
		if (!current) throw new NotFoundError('Invoice');
		assertAllowed('delete', current);
	}
	return { id: input.id };
}
