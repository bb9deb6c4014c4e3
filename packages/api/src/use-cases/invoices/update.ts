import { type Database, findInvoice, replaceDraftInvoice, setInvoiceCounter } from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { type InvoiceInput, priceInvoice } from '../../domain/invoice.ts';
import type { Actor } from '../actor.ts';
import { lineRows } from './create.ts';
import { assertAllowed } from './guards.ts';
import { resolveNumber, rethrowNumberClash } from './numbering.ts';
import { requireInvoicePlan } from './plan.ts';

const CHANGED_ELSEWHERE =
	'This invoice was changed elsewhere after you opened it. Reload to see the latest version.';

/** Replaces a draft's content, if nobody saved it since `version` (optimistic locking). */
export async function updateDraftInvoice(
	deps: { db: Database },
	actor: Actor,
	input: InvoiceInput & { id: string; version: number },
) {
	await requireInvoicePlan(deps.db, actor);
	const { businessId } = actor;
	const invoice = await findInvoice(deps.db, businessId, input.id);
	if (!invoice) throw new NotFoundError('Invoice');
	assertAllowed('edit', invoice);
	const saved = await deps.db
		.transaction()
		.execute(async (trx) => {
			const { number, counter } = await resolveNumber(
				trx,
				businessId,
				input.number,
				invoice.number,
			);
			const priced = priceInvoice(input.items, invoice.currency);
			const replaced = await replaceDraftInvoice(
				trx,
				businessId,
				invoice.id,
				input.version,
				{
					number,
					issueDate: input.issueDate,
					dueDate: input.dueDate,
					notes: input.notes,
					subtotalMinor: priced.subtotalMinor,
					taxMinor: priced.taxMinor,
					totalMinor: priced.totalMinor,
				},
				lineRows(priced.lines),
			);
			if (replaced) await setInvoiceCounter(trx, businessId, counter);
			return replaced;
		})
		.catch(rethrowNumberClash);
	if (!saved) {
		// Sent or paid meanwhile says more than "changed elsewhere".
		const current = await findInvoice(deps.db, businessId, input.id);
		if (!current) throw new NotFoundError('Invoice');
		assertAllowed('edit', current);
		throw new ConflictError(CHANGED_ELSEWHERE);
	}
	return { id: invoice.id };
}
