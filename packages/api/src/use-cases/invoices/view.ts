import {
	type Executor,
	findBusiness,
	findCustomer,
	latestInvoiceEmail,
	listInvoicePayments,
	listInvoices,
	outstandingForCustomer,
} from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import { displayStatus, isOverdue, todayIn } from '../../domain/invoice-status.ts';
import { balanceDue } from '../../domain/payment.ts';
import type { Actor } from '../actor.ts';
import { findInvoiceWithParties, invoiceDocumentFrom } from './document.ts';
import { nextInvoiceNumber } from './numbering.ts';

/** One invoice as the dashboard shows it: the row, its document and its latest delivery. */
export async function viewInvoice(deps: { db: Executor }, actor: Actor, input: { id: string }) {
	const found = await findInvoiceWithParties(deps.db, actor.businessId, input.id);
	if (!found) throw new NotFoundError('Invoice');
	const [delivery, payments] = await Promise.all([
		latestInvoiceEmail(deps.db, actor.businessId, input.id),
		listInvoicePayments(deps.db, actor.businessId, input.id),
	]);
	const document = invoiceDocumentFrom(found.invoice, found.business, found.customer);
	const today = todayIn(found.business.timeZone);
	return {
		...found.invoice,
		items: document.items,
		delivery: delivery ?? null,
		displayStatus: document.status,
		isOverdue: isOverdue(found.invoice, today),
		balanceDueMinor: balanceDue(found.invoice),
		/** Oldest first, deleted ones included (with who deleted them): the invoice's history. */
		payments,
		document,
	};
}

/** A customer's invoices, newest first, with what they still owe. */
export async function listCustomerInvoices(
	deps: { db: Executor },
	actor: Actor,
	input: { customerId: string; cursor?: { createdAt: string; id: string }; limit: number },
) {
	const [customer, business] = await Promise.all([
		findCustomer(deps.db, actor.businessId, input.customerId),
		findBusiness(deps.db, actor.businessId),
	]);
	if (!customer || !business) throw new NotFoundError('Customer');
	// Overdue from the business's calendar day, not UTC's.
	const today = todayIn(business.timeZone);
	const [page, totals] = await Promise.all([
		listInvoices(deps.db, actor.businessId, input.customerId, {
			cursor: input.cursor,
			limit: input.limit,
		}),
		outstandingForCustomer(deps.db, actor.businessId, input.customerId, today),
	]);
	return {
		...page,
		items: page.items.map((i) => ({
			...i,
			displayStatus: displayStatus(i, today),
			isOverdue: isOverdue(i, today),
			balanceDueMinor: balanceDue(i),
		})),
		...totals,
	};
}

export function suggestInvoiceNumber(deps: { db: Executor }, actor: Actor) {
	return nextInvoiceNumber(deps.db, actor.businessId);
}
