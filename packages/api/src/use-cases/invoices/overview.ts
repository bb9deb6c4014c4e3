import {
	type Executor,
	findBusiness,
	findCustomer,
	type InvoiceCursor,
	type InvoiceOverviewFilters,
	listBusinessInvoices as listInvoicesOfBusiness,
	outstandingForBusiness,
	outstandingForCustomer,
} from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import { displayStatus, isOverdue, todayIn } from '../../domain/invoice-status.ts';
import { balanceDue } from '../../domain/payment.ts';
import type { Actor } from '../actor.ts';

/**
 * The Invoices overview: every invoice of the business, newest first, filtered, with what is
 * owed. Reading is open on every plan (a Starter business keeps seeing its invoices).
 * The first page (no cursor) also carries the totals: those of the filtered customer if there
 * is one, else of the business; later pages leave them out (null) since nothing on them changed.
 */
export async function listBusinessInvoices(
	deps: { db: Executor },
	actor: Actor,
	input: InvoiceOverviewFilters & { cursor?: InvoiceCursor; limit: number },
) {
	const [business, customer] = await Promise.all([
		findBusiness(deps.db, actor.businessId),
		input.customerId ? findCustomer(deps.db, actor.businessId, input.customerId) : null,
	]);
	if (!business) throw new NotFoundError('Business');
	// Another business's customer (or a deleted one) is not found, never an empty list.
	if (input.customerId && !customer) throw new NotFoundError('Customer');
	// Overdue from the business's calendar day, not UTC's.
	const today = todayIn(business.timeZone);
	const [page, totals] = await Promise.all([
		listInvoicesOfBusiness(deps.db, actor.businessId, { ...input, today }),
		input.cursor
			? null
			: customer
				? outstandingForCustomer(deps.db, actor.businessId, customer.id, today)
				: outstandingForBusiness(deps.db, actor.businessId, today),
	]);
	return {
		...page,
		items: page.items.map((invoice) => ({
			...invoice,
			displayStatus: displayStatus(invoice, today),
			isOverdue: isOverdue(invoice, today),
			balanceDueMinor: balanceDue(invoice),
		})),
		customer: customer ? { id: customer.id, name: customer.name } : null,
		totals: totals && { ...totals, currency: business.currency },
	};
}
