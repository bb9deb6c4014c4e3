import { type Insertable, sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';
import type { CustomerImport, CustomerImportRow, CustomerImportsTable } from '../schema.ts';

/** Everything the import page shows; the file itself stays in the database. */
const viewColumns = [
	'id',
	'fileName',
	'delimiter',
	'hasHeader',
	'preview',
	'columnCount',
	'mapping',
	'onExisting',
	'status',
	'totalRows',
	'processedRows',
	'createdCount',
	'updatedCount',
	'skippedCount',
	'rejectedCount',
	'error',
	'createdAt',
	'startedAt',
	'finishedAt',
] as const;

export type NewCustomerImport = Omit<Insertable<CustomerImportsTable>, 'businessId'>;

export async function insertCustomerImport(
	db: Executor,
	businessId: string,
	values: NewCustomerImport,
) {
	return db
		.insertInto('customerImports')
		.values({ ...values, businessId })
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function findCustomerImport(db: Executor, businessId: string, id: string) {
	if (!isUuid(id)) return undefined;
	return db
		.selectFrom('customerImports')
		.select(viewColumns)
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function listCustomerImports(db: Executor, businessId: string, limit: number) {
	return db
		.selectFrom('customerImports')
		.select(viewColumns)
		.where('businessId', '=', businessId)
		.orderBy('createdAt', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

/**
 * Sets the mapping and queues the import, only from a state that allows it (a fresh upload, a
 * failed run to resume, or one queued whose job may have been lost), and never with another
 * mapping or header once rows were imported. Returns whether it was queued.
 */
export async function queueCustomerImport(
	db: Executor,
	businessId: string,
	id: string,
	values: Pick<CustomerImport, 'hasHeader' | 'onExisting' | 'mapping'> & { totalRows: number },
): Promise<boolean> {
	if (!isUuid(id)) return false;
	const mapping = JSON.stringify(values.mapping);
	const row = await db
		.updateTable('customerImports')
		.set({
			hasHeader: values.hasHeader,
			onExisting: values.onExisting,
			mapping,
			totalRows: values.totalRows,
			status: 'queued',
			error: null,
		})
		.where('id', '=', id)
		.where('businessId', '=', businessId)
		.where('status', 'in', ['uploaded', 'failed', 'queued'])
		.where((eb) =>
			eb.or([
				eb('processedRows', '=', 0),
				eb.and([
					eb('hasHeader', '=', values.hasHeader),
					eb(sql`mapping`, '=', sql`${mapping}::jsonb`),
				]),
			]),
		)
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

/** What the worker reads to run an import: the file, the settings and the checkpoint. */
export async function findCustomerImportForRun(db: Executor, businessId: string, id: string) {
	return db
		.selectFrom('customerImports')
		.select([
			'id',
			'businessId',
			'createdBy',
			'upload',
			'delimiter',
			'hasHeader',
			'mapping',
			'onExisting',
			'status',
			'totalRows',
			'processedRows',
		])
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function markCustomerImportRunning(db: Executor, id: string) {
	await db
		.updateTable('customerImports')
		.set({ status: 'running', startedAt: sql`coalesce(started_at, now())` })
		.where('id', '=', id)
		.where('status', 'in', ['queued', 'running'])
		.execute();
}

/** The checkpoint, locked for the batch's transaction: a second runner waits, then sees it moved. */
export async function lockCustomerImportProgress(trx: Executor, id: string) {
	const row = await trx
		.selectFrom('customerImports')
		.select(['processedRows', 'status'])
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
	return row;
}

export interface ImportBatchCounts {
	processedRows: number;
	created: number;
	updated: number;
	skipped: number;
	rejected: number;
}

export async function checkpointCustomerImport(trx: Executor, id: string, c: ImportBatchCounts) {
	await trx
		.updateTable('customerImports')
		.set((eb) => ({
			processedRows: c.processedRows,
			createdCount: eb('createdCount', '+', c.created),
			updatedCount: eb('updatedCount', '+', c.updated),
			skippedCount: eb('skippedCount', '+', c.skipped),
			rejectedCount: eb('rejectedCount', '+', c.rejected),
		}))
		.where('id', '=', id)
		.execute();
}

/** Done: the file is dropped, the counts and the report stay. */
export async function finishCustomerImport(db: Executor, id: string) {
	await db
		.updateTable('customerImports')
		.set({ status: 'done', finishedAt: new Date(), upload: null, error: null })
		.where('id', '=', id)
		.execute();
}

export async function failCustomerImport(db: Executor, id: string, error: string) {
	await db
		.updateTable('customerImports')
		.set({ status: 'failed', error })
		.where('id', '=', id)
		.where('status', '!=', 'done')
		.execute();
}

/** Which of these (lower(name), phone digits) pairs already name a customer of the business. */
export async function findCustomerNamePhoneKeys(
	db: Executor,
	businessId: string,
	pairs: readonly { name: string; phone: string }[],
): Promise<{ name: string; phone: string }[]> {
	if (pairs.length === 0) return [];
	const result = await sql<{ name: string; phone: string }>`
		select distinct k.name, k.phone
		from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as k(name text, phone text)
		join customers c on c.business_id = ${businessId}
			and lower(c.name) = k.name
			and coalesce(regexp_replace(c.phone, '\\D', '', 'g'), '') = k.phone
	`.execute(db);
	return result.rows;
}

export interface ImportedCustomerInsert {
	id: string;
	name: string;
	email: string | null;
	phone: string | null;
	address: string | null;
	taxId: string | null;
	notes: string | null;
}

/**
 * New customers of a batch in one statement, each with its note. An email someone else added
 * meanwhile (a form submission) is left to that row: ON CONFLICT skips it, and its note with it.
 * Returns the ids created.
 */
export async function insertImportedCustomers(
	db: Executor,
	businessId: string,
	authorId: string | null,
	rows: readonly ImportedCustomerInsert[],
): Promise<string[]> {
	if (rows.length === 0) return [];
	const result = await sql<{ id: string }>`
		with batch as (
			select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, name text,
				email text, phone text, address text, "taxId" text, notes text)
		), created as (
			insert into customers (id, business_id, name, email, phone, address, tax_id, last_activity_at)
			select b.id, ${businessId}, b.name, b.email, b.phone, b.address, b."taxId", now() from batch b
			on conflict (business_id, lower(email)) where email is not null do nothing
			returning id
		), noted as (
			insert into notes (business_id, customer_id, author_id, body)
			select ${businessId}, b.id, ${authorId}, b.notes
			from batch b join created c on c.id = b.id
			where b.notes is not null
		)
		select id from created
	`.execute(db);
	return result.rows.map((r) => r.id);
}

/** Fills phone, address and tax ID where the customer has none; returns the ids it changed. */
export async function fillEmptyCustomerFields(
	db: Executor,
	businessId: string,
	rows: readonly {
		id: string;
		phone: string | null;
		address: string | null;
		taxId: string | null;
	}[],
): Promise<string[]> {
	if (rows.length === 0) return [];
	const result = await sql<{ id: string }>`
		update customers c set
			phone = coalesce(c.phone, v.phone),
			address = coalesce(c.address, v.address),
			tax_id = coalesce(c.tax_id, v."taxId"),
			updated_at = now()
		from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, phone text,
			address text, "taxId" text)
		where c.id = v.id and c.business_id = ${businessId}
			and ((c.phone is null and v.phone is not null)
				or (c.address is null and v.address is not null)
				or (c.tax_id is null and v."taxId" is not null))
		returning c.id
	`.execute(db);
	return result.rows.map((r) => r.id);
}

export async function insertCustomerImportRows(
	db: Executor,
	importId: string,
	rows: readonly (Omit<CustomerImportRow, 'importId' | 'cells'> & { cells: string[] })[],
): Promise<void> {
	if (rows.length === 0) return;
	await db
		.insertInto('customerImportRows')
		.values(rows.map((r) => ({ ...r, importId, cells: JSON.stringify(r.cells) })))
		.onConflict((oc) => oc.columns(['importId', 'rowNumber']).doNothing())
		.execute();
}

/** The report's rows, in file order; scoped to the business through the import. */
export async function listCustomerImportRows(db: Executor, businessId: string, importId: string) {
	if (!isUuid(importId)) return [];
	return db
		.selectFrom('customerImportRows')
		.innerJoin('customerImports', 'customerImports.id', 'customerImportRows.importId')
		.select([
			'customerImportRows.rowNumber',
			'customerImportRows.outcome',
			'customerImportRows.reason',
			'customerImportRows.cells',
		])
		.where('customerImports.businessId', '=', businessId)
		.where('customerImportRows.importId', '=', importId)
		.orderBy('customerImportRows.rowNumber')
		.execute();
}

export type CustomerImportView = NonNullable<Awaited<ReturnType<typeof findCustomerImport>>>;

/**
 * Uploads never started (the owner left at the mapping step) before `before`: deleted with
 * their file, so abandoned uploads do not keep megabytes in the database. Returns how many.
 */
export async function deleteUnstartedImportsBefore(db: Executor, before: Date) {
	const rows = await db
		.deleteFrom('customerImports')
		.where('status', '=', 'uploaded')
		.where('createdAt', '<', before)
		.returning('id')
		.execute();
	return rows.length;
}
