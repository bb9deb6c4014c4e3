import type { Executor, InvoiceCursor, InvoiceOverviewFilters } from '@rapport/db';
import { findBusiness } from '@rapport/db';
import {
	type CsvFormat,
	type CsvStyle,
	csvAmount,
	csvDate,
	escapeFormula,
} from '../../domain/csv-export.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { csvBody, EXPORT_PAGE } from '../csv/csv-body.ts';
import { listBusinessInvoices } from './overview.ts';

const HEADER = [
	'Number',
	'Issue date',
	'Due date',
	'Customer',
	'Currency',
	'Subtotal',
	'Tax',
	'Total',
	'Paid',
	'Balance',
	'Status',
];

/**
 * The Invoices overview as CSV, with the same filters (status, customer, number search), read
 * a page at a time through the overview itself so the two can never disagree. The first page is
 * read before returning: another business's customer is "not found", not an empty file.
 * Status is the overview's (draft, sent, partially_paid, overdue, paid, void).
 */
export async function exportInvoices(
	deps: { db: Executor },
	actor: Actor,
	input: InvoiceOverviewFilters & { format: CsvFormat },
) {
	const business = await findBusiness(deps.db, actor.businessId);
	if (!business) throw new NotFoundError('Business');
	const style: CsvStyle = {
		format: input.format,
		locale: business.locale,
		timeZone: business.timeZone,
	};
	const { format: _, ...filters } = input;
	const read = (cursor?: InvoiceCursor) =>
		listBusinessInvoices(deps, actor, { ...filters, cursor, limit: EXPORT_PAGE });
	const first = await read();
	async function* pages() {
		let page = first;
		for (;;) {
			yield page.items.map((i) => [
				escapeFormula(i.number),
				csvDate(i.issueDate, style),
				csvDate(i.dueDate, style),
				escapeFormula(i.customerName),
				i.currency,
				csvAmount(i.subtotalMinor, i.currency, style),
				csvAmount(i.taxMinor, i.currency, style),
				csvAmount(i.totalMinor, i.currency, style),
				csvAmount(i.paidMinor, i.currency, style),
				csvAmount(i.balanceDueMinor, i.currency, style),
				i.displayStatus,
			]);
			if (!page.nextCursor) return;
			page = await read(page.nextCursor);
		}
	}
	return { filename: 'invoices.csv', body: csvBody(style, HEADER, pages()) };
}
