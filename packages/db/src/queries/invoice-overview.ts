import { type ExpressionBuilder, sql } from 'kysely';
import type { Executor } from '../executor.ts';
import { pageByTimeDesc } from '../keyset.ts';
import type { DB } from '../schema.ts';
import type { InvoiceCursor } from './invoices.ts';

/**
 * The Invoices overview's status filter. Sent, Overdue and Partially paid all read stored status
 * 'sent' and overlap where the display does: an invoice partly paid and past due is under both
 * Overdue and Partially paid; Sent is what is neither.
 */
export type InvoiceOverviewStatus =
	| 'draft'
	| 'sent'
	| 'overdue'
	| 'partially_paid'
	| 'paid'
	| 'void';

export interface InvoiceOverviewFilters {
	status?: InvoiceOverviewStatus;
	customerId?: string;
	/** Part of the invoice number, any case. */
	search?: string;
}

const columns = [
	'invoices.id',
	'invoices.customerId',
	'invoices.number',
	'invoices.issueDate',
	'invoices.dueDate',
	'invoices.currency',
	'invoices.status',
	'invoices.subtotalMinor',
	'invoices.taxMinor',
	'invoices.totalMinor',
	'invoices.paidMinor',
	'invoices.createdAt',
	'customers.name as customerName',
] as const;

/** `today`: the business's calendar day ('YYYY-MM-DD'), which decides what is overdue. */
function statusCondition(status: InvoiceOverviewStatus, today: string) {
	return (eb: ExpressionBuilder<DB, 'invoices'>) => {
		switch (status) {
			case 'draft':
			case 'paid':
			case 'void':
				return eb('invoices.status', '=', status);
			case 'sent':
				return eb.and([
					eb('invoices.status', '=', 'sent'),
					eb('invoices.paidMinor', '=', 0),
					eb('invoices.dueDate', '>=', today),
				]);
			case 'overdue':
				return eb.and([eb('invoices.status', '=', 'sent'), eb('invoices.dueDate', '<', today)]);
			case 'partially_paid':
				return eb.and([eb('invoices.status', '=', 'sent'), eb('invoices.paidMinor', '>', 0)]);
		}
	};
}

/**
 * Every invoice of the business with its customer's name, newest first, keyset-paged on
 * (created_at, id) along invoices_business_created_idx (with a customer: the customer's
 * timeline index). The number search is a case-insensitive substring ("0042" finds INV-0042):
 * a trigram index (0024) finds the few invoices of a rare number; for a common one the planner
 * filters that same walk, which stops once a page is full.
 */
export async function listBusinessInvoices(
	db: Executor,
	businessId: string,
	opts: InvoiceOverviewFilters & { today: string; cursor?: InvoiceCursor; limit: number },
) {
	let query = db
		.selectFrom('invoices')
		.innerJoin('customers', 'customers.id', 'invoices.customerId')
		.select(columns)
		.where('invoices.businessId', '=', businessId);
	if (opts.customerId) query = query.where('invoices.customerId', '=', opts.customerId);
	if (opts.status) query = query.where(statusCondition(opts.status, opts.today));
	const search = opts.search?.trim();
	if (search) {
		const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		query = query.where('invoices.number', 'ilike', pattern);
	}
	return pageByTimeDesc(query, {
		time: 'invoices.createdAt',
		id: 'invoices.id',
		cursor: opts.cursor,
		limit: opts.limit,
	});
}

/**
 * What the business is owed: balances of its sent invoices (overdue and partially paid ones
 * included), and the part past due on `today`. An index-only scan of invoices_business_open_idx.
 */
export async function outstandingForBusiness(db: Executor, businessId: string, today: string) {
	const row = await db
		.selectFrom('invoices')
		.select([
			sql<number>`coalesce(sum(greatest(total_minor - paid_minor, 0)), 0)`.as('outstanding'),
			sql<number>`coalesce(sum(greatest(total_minor - paid_minor, 0)) filter (where due_date < ${today}), 0)`.as(
				'overdue',
			),
		])
		.where('businessId', '=', businessId)
		.where('status', '=', 'sent')
		.executeTakeFirstOrThrow();
	return { outstandingMinor: Number(row.outstanding), overdueMinor: Number(row.overdue) };
}
