import {
	type Database,
	findCustomer,
	type InvoiceLineRow,
	insertInvoice,
	setInvoiceCounter,
} from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import { type InvoiceInput, type PricedLine, priceInvoice } from '../../domain/invoice.ts';
import type { Actor } from '../actor.ts';
import { resolveNumber, rethrowNumberClash } from './numbering.ts';
import { requireInvoicePlan } from './plan.ts';

export const lineRows = (lines: PricedLine[]): InvoiceLineRow[] =>
	lines.map(({ description, quantity, unitPriceMinor, taxRate }) => ({
		description,
		quantity,
		unitPriceMinor,
		taxRate,
	}));

/** Saves a new draft; the number and the counter move together or not at all. */
export async function createInvoice(
	deps: { db: Database },
	actor: Actor,
	input: InvoiceInput & { customerId: string },
) {
	await requireInvoicePlan(deps.db, actor);
	const { businessId } = actor;
	if (!(await findCustomer(deps.db, businessId, input.customerId))) {
		throw new NotFoundError('Customer');
	}
	const id = await deps.db
		.transaction()
		.execute(async (trx) => {
			const { number, counter, currency } = await resolveNumber(trx, businessId, input.number);
			const priced = priceInvoice(input.items, currency);
			const invoiceId = await insertInvoice(
				trx,
				businessId,
				{
					customerId: input.customerId,
					number,
					issueDate: input.issueDate,
					dueDate: input.dueDate,
					currency,
					notes: input.notes,
					subtotalMinor: priced.subtotalMinor,
					taxMinor: priced.taxMinor,
					totalMinor: priced.totalMinor,
				},
				lineRows(priced.lines),
			);
			await setInvoiceCounter(trx, businessId, counter);
			return invoiceId;
		})
		.catch(rethrowNumberClash);
	return { id };
}
