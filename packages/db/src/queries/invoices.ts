import type { Updateable } from 'kysely';
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type Executor, isUuid } from '../executor.ts';
import { pageByTimeDesc, type TimeCursor } from '../keyset.ts';
import type {
	Invoice,
	InvoiceItem,
	InvoiceStatus,
	InvoicesTable,
	IssuedInvoiceSnapshot,
} from '../schema.ts';

export const INVOICE_NUMBER_UNIQUE = 'invoices_business_number_uq';

export type InvoiceCursor = TimeCursor<'createdAt'>;

export type InvoiceLineRow = Pick<
	InvoiceItem,
	'description' | 'quantity' | 'unitPriceMinor' | 'taxRate'
>;

export type InvoiceValues = Pick<
	Invoice,
	| 'customerId'
	| 'number'
	| 'issueDate'
	| 'dueDate'
	| 'currency'
	| 'notes'
	| 'subtotalMinor'
	| 'taxMinor'
	| 'totalMinor'
>;

const listColumns = [
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
	'invoices.sentAt',
	'invoices.paidOn',
	'invoices.voidedAt',
	'invoices.viewedAt',
	'invoices.version',
	'invoices.createdAt',
] as const;

/** Where the business's invoice numbering stands (no lock: a suggestion for the form). */
export async function findInvoiceSequence(db: Executor, businessId: string) {
	return db
		.selectFrom('businesses')
		.select(['invoicePrefix', 'nextInvoiceNumber'])
		.where('id', '=', businessId)
		.executeTakeFirstOrThrow();
}

/** Locks the business row: invoice numbering for one business happens one save at a time. */
export async function lockInvoiceSequence(trx: Executor, businessId: string) {
	return trx
		.selectFrom('businesses')
		.select(['invoicePrefix', 'nextInvoiceNumber', 'currency'])
		.where('id', '=', businessId)
		.forUpdate()
		.executeTakeFirstOrThrow();
}

export async function setInvoiceCounter(trx: Executor, businessId: string, next: number) {
	await trx
		.updateTable('businesses')
		.set({ nextInvoiceNumber: next })
		.where('id', '=', businessId)
		.execute();
}

export async function invoiceNumbersTaken(db: Executor, businessId: string, numbers: string[]) {
	if (!numbers.length) return new Set<string>();
	const rows = await db
		.selectFrom('invoices')
		.select('number')
		.where('businessId', '=', businessId)
		.where('number', 'in', numbers)
		.execute();
	return new Set(rows.map((r) => r.number));
}

async function insertLines(trx: Executor, invoiceId: string, lines: InvoiceLineRow[]) {
	await trx
		.insertInto('invoiceItems')
		.values(lines.map((line, position) => ({ ...line, invoiceId, position })))
		.execute();
}

export async function insertInvoice(
	trx: Executor,
	businessId: string,
	values: InvoiceValues,
	lines: InvoiceLineRow[],
) {
	const { id } = await trx
		.insertInto('invoices')
		.values({ ...values, businessId })
		.returning('id')
		.executeTakeFirstOrThrow();
	await insertLines(trx, id, lines);
	return id;
}

/** Replaces a draft's content when it is still at `version`; false when it is not. */
export async function replaceDraftInvoice(
	trx: Executor,
	businessId: string,
	id: string,
	version: number,
	values: Omit<InvoiceValues, 'customerId' | 'currency'>,
	lines: InvoiceLineRow[],
) {
	const result = await trx
		.updateTable('invoices')
		.set({ ...values, version: sql`version + 1`, updatedAt: new Date() })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('status', '=', 'draft')
		.where('version', '=', version)
		.executeTakeFirst();
	if (result.numUpdatedRows === 0n) return false;
	await trx.deleteFrom('invoiceItems').where('invoiceId', '=', id).execute();
	await insertLines(trx, id, lines);
	return true;
}

/** One invoice with its items in order, or undefined (other business, malformed id, gone). */
export async function findInvoice(db: Executor, businessId: string, id: string) {
	if (!isUuid(id)) return undefined;
	return db
		.selectFrom('invoices')
		.select([
			...listColumns,
			'invoices.notes',
			'invoices.issuedAt',
			'invoices.publicToken',
			'invoices.issuedSnapshot',
		])
		.select((eb) =>
			jsonArrayFrom(
				eb
					.selectFrom('invoiceItems')
					// trim_scale + text: exact decimals as "1.5", never a JSON float.
					.select([
						'description',
						'unitPriceMinor',
						sql<string>`trim_scale(quantity)::text`.as('quantity'),
						sql<string>`trim_scale(tax_rate)::text`.as('taxRate'),
					])
					.whereRef('invoiceItems.invoiceId', '=', 'invoices.id')
					.orderBy('position'),
			).as('items'),
		)
		.where('invoices.businessId', '=', businessId)
		.where('invoices.id', '=', id)
		.executeTakeFirst();
}

export async function listInvoices(
	db: Executor,
	businessId: string,
	customerId: string,
	opts: { cursor?: InvoiceCursor; limit: number },
) {
	const query = db
		.selectFrom('invoices')
		.select(listColumns)
		.where('invoices.businessId', '=', businessId)
		.where('invoices.customerId', '=', customerId);
	return pageByTimeDesc(query, {
		time: 'invoices.createdAt',
		id: 'invoices.id',
		cursor: opts.cursor,
		limit: opts.limit,
	});
}

/**
 * Money the customer still owes: balances of sent (including overdue and partially paid)
 * invoices, and the part of it past due on `today` (the business's calendar day).
 */
export async function outstandingForCustomer(
	db: Executor,
	businessId: string,
	customerId: string,
	today: string,
) {
	const row = await db
		.selectFrom('invoices')
		.select([
			sql<number>`coalesce(sum(greatest(total_minor - paid_minor, 0)), 0)`.as('outstanding'),
			sql<number>`coalesce(sum(greatest(total_minor - paid_minor, 0)) filter (where due_date < ${today}), 0)`.as(
				'overdue',
			),
		])
		.where('businessId', '=', businessId)
		.where('customerId', '=', customerId)
		.where('status', '=', 'sent')
		.executeTakeFirstOrThrow();
	return { outstandingMinor: Number(row.outstanding), overdueMinor: Number(row.overdue) };
}

/**
 * The invoice row a status, send or payment change works from, locked until that change is
 * recorded (and the ledger, status and balances agree again).
 */
export async function lockInvoice(trx: Executor, businessId: string, id: string) {
	if (!isUuid(id)) return undefined;
	return trx
		.selectFrom('invoices')
		.select([
			'id',
			'customerId',
			'number',
			'status',
			'currency',
			'issueDate',
			'dueDate',
			'totalMinor',
			'paidMinor',
			'publicToken',
			'remindersPausedAt',
		])
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
}

/** Gives the invoice its public link token unless it has one (a resend keeps the old link). */
export async function setInvoicePublicToken(
	trx: Executor,
	businessId: string,
	id: string,
	token: string,
) {
	await trx
		.updateTable('invoices')
		.set({ publicToken: token })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('publicToken', 'is', null)
		.execute();
}

/** Stores what an invoice showed when it was issued; set once, never overwritten. */
export async function storeIssuedSnapshot(
	trx: Executor,
	businessId: string,
	id: string,
	snapshot: IssuedInvoiceSnapshot,
) {
	await trx
		.updateTable('invoices')
		.set({ issuedSnapshot: JSON.stringify(snapshot) })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('issuedSnapshot', 'is', null)
		.execute();
}

/** The invoice's public link token; null once revoked (voided). */
export async function findInvoicePublicToken(db: Executor, businessId: string, id: string) {
	if (!isUuid(id)) return null;
	const row = await db
		.selectFrom('invoices')
		.select('publicToken')
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.executeTakeFirst();
	return row?.publicToken ?? null;
}

export type InvoiceStatusChange = Pick<
	Updateable<InvoicesTable>,
	'paidOn' | 'voidedAt' | 'sentAt' | 'publicToken'
> & {
	status: InvoiceStatus;
	/** Set once: an invoice issued earlier keeps its first date. */
	issuedAt?: Date;
};

/**
 * Moves an invoice from one of `from` to a new status; undefined when it was not in `from`.
 * Only the invoice transition use case calls it: the one writer of `invoices.status`.
 */
export async function transitionInvoice(
	db: Executor,
	businessId: string,
	id: string,
	from: readonly InvoiceStatus[],
	{ issuedAt, ...set }: InvoiceStatusChange,
) {
	if (!isUuid(id)) return undefined;
	return db
		.updateTable('invoices')
		.set({
			...set,
			...(issuedAt ? { issuedAt: sql<Date>`coalesce(issued_at, ${issuedAt})` } : {}),
			version: sql`version + 1`,
			updatedAt: new Date(),
		})
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('status', 'in', from)
		.returning(['id', 'customerId'])
		.executeTakeFirst();
}

export async function deleteDraftInvoice(db: Executor, businessId: string, id: string) {
	if (!isUuid(id)) return false;
	const result = await db
		.deleteFrom('invoices')
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('status', '=', 'draft')
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}

/** The public page's lookup: the unguessable token is the only key (revoked tokens are null). */
export async function findInvoiceByPublicToken(db: Executor, token: string) {
	if (!/^[\w-]{20,64}$/.test(token)) return undefined;
	return db
		.selectFrom('invoices')
		.select(['id', 'businessId', 'viewedAt'])
		.where('publicToken', '=', token)
		.executeTakeFirst();
}

/** First view by the customer; later views change nothing. */
export async function recordInvoiceViewed(db: Executor, invoiceId: string) {
	await db
		.updateTable('invoices')
		.set({ viewedAt: new Date() })
		.where('id', '=', invoiceId)
		.where('viewedAt', 'is', null)
		.execute();
}
