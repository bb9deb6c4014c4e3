import { randomUUID } from 'node:crypto';
import {
	checkpointCustomerImport,
	type Database,
	type Executor,
	failCustomerImport,
	fillEmptyCustomerFields,
	findCustomerImportForRun,
	findCustomerNamePhoneKeys,
	findCustomersByEmails,
	finishCustomerImport,
	type ImportBatchCounts,
	type ImportedCustomerInsert,
	insertCustomerImportRows,
	insertImportedCustomers,
	lockCustomerImportProgress,
	markCustomerImportRunning,
} from '@rapport/db';
import { phoneDigits } from '../../domain/customer-address.ts';
import {
	type ColumnMapping,
	columnMapping,
	duplicateInFileReason,
	type ImportCustomer,
	importRow,
	type OnExisting,
	possibleDuplicateReason,
} from '../../domain/customer-import.ts';
import { type CsvRecord, csvRecords } from './csv-records.ts';

export const IMPORT_BATCH_SIZE = 1_000;

export interface RunOptions {
	batchSize?: number;
	/** Called after each batch is committed, with the checkpoint (rows done so far). */
	onBatch?: (processedRows: number) => void | Promise<void>;
}

type RunOutcome = 'done' | 'missing' | 'not-queued' | 'superseded';

/**
 * Runs a queued import from its checkpoint, one transaction per batch: a few set-based
 * statements for the whole batch, then the checkpoint. A batch is committed whole or not at all,
 * so a crash or retry resumes after the last committed batch and never imports a row twice; a
 * second runner of the same import waits on the lock and stops when it sees the checkpoint moved.
 */
export async function runCustomerImport(
	deps: { db: Database },
	input: { businessId: string; importId: string },
	opts: RunOptions = {},
): Promise<RunOutcome> {
	const job = await findCustomerImportForRun(deps.db, input.businessId, input.importId);
	if (!job) return 'missing';
	if (job.status === 'done') return 'done';
	if (job.status !== 'queued' && job.status !== 'running') return 'not-queued';
	if (!job.upload) throw new Error('customer import has no stored file');
	const mapping = columnMapping.parse(job.mapping ?? {});
	await markCustomerImportRunning(deps.db, job.id);

	const firstRowOf = await firstRowPerCustomer(job.upload, job.delimiter, job.hasHeader, mapping);
	const ctx = { ...job, upload: undefined, mapping, firstRowOf };
	const batchSize = opts.batchSize ?? IMPORT_BATCH_SIZE;
	let dataRow = 0;
	let batch: CsvRecord[] = [];
	let batchStart = job.processedRows;
	const flush = async () => {
		const moved = await deps.db.transaction().execute(async (trx) => {
			const progress = await lockCustomerImportProgress(trx, job.id);
			if (progress?.status !== 'running' || progress.processedRows !== batchStart) return true;
			const counts = await importBatch(trx, ctx, batch);
			await checkpointCustomerImport(trx, job.id, {
				...counts,
				processedRows: batchStart + batch.length,
			});
			return false;
		});
		if (moved) return false;
		batchStart += batch.length;
		batch = [];
		await opts.onBatch?.(batchStart);
		return true;
	};
	for await (const record of csvRecords(job.upload, job.delimiter)) {
		if (job.hasHeader && record.rowNumber === 1) continue;
		dataRow++;
		if (dataRow <= job.processedRows) continue;
		batch.push(record);
		if (batch.length >= batchSize && !(await flush())) return 'superseded';
	}
	if (batch.length > 0 && !(await flush())) return 'superseded';
	await finishCustomerImport(deps.db, job.id);
	return 'done';
}

/**
 * Where each customer of the file first appears: later rows with the same email are duplicates
 * in the file, whichever batch they fall in (a first pass over the stored file).
 */
async function firstRowPerCustomer(
	upload: Uint8Array,
	delimiter: ',' | ';',
	hasHeader: boolean,
	mapping: ColumnMapping,
) {
	const first = new Map<string, number>();
	for await (const { rowNumber, cells } of csvRecords(upload, delimiter)) {
		if (hasHeader && rowNumber === 1) continue;
		const row = importRow(cells, mapping);
		if (row.ok && !first.has(row.customer.matchKey)) first.set(row.customer.matchKey, rowNumber);
	}
	return first;
}

type ReportRow = {
	rowNumber: number;
	outcome: 'rejected' | 'possible_duplicate';
	reason: string;
	cells: string[];
};

async function importBatch(
	trx: Executor,
	job: {
		id: string;
		businessId: string;
		createdBy: string | null;
		onExisting: OnExisting;
		mapping: ColumnMapping;
		firstRowOf: Map<string, number>;
	},
	records: readonly CsvRecord[],
): Promise<Omit<ImportBatchCounts, 'processedRows'>> {
	const report: ReportRow[] = [];
	const byEmail: { customer: ImportCustomer; key: string }[] = [];
	const byName: { customer: ImportCustomer; record: CsvRecord; name: string; phone: string }[] = [];
	for (const record of records) {
		const row = importRow(record.cells, job.mapping);
		if (!row.ok) {
			report.push({ ...record, outcome: 'rejected', reason: row.reason });
			continue;
		}
		const { customer } = row;
		const first = job.firstRowOf.get(customer.matchKey);
		if (first !== undefined && first !== record.rowNumber) {
			report.push(
				customer.email
					? { ...record, outcome: 'rejected', reason: duplicateInFileReason(first) }
					: { ...record, outcome: 'possible_duplicate', reason: possibleDuplicateReason(first) },
			);
			continue;
		}
		if (customer.email) byEmail.push({ customer, key: customer.email.toLowerCase() });
		else
			byName.push({
				customer,
				record,
				name: customer.name.toLowerCase(),
				phone: phoneDigits(customer.phone),
			});
	}

	// Any of a customer's emails matches (primary or other).
	const existing = await findCustomersByEmails(
		trx,
		job.businessId,
		byEmail.map((r) => r.key),
	);
	const namesTaken = new Set(
		(await findCustomerNamePhoneKeys(trx, job.businessId, byName)).map(
			(k) => `${k.name}|${k.phone}`,
		),
	);

	const inserts: ImportedCustomerInsert[] = [];
	const fills: {
		id: string;
		phone: string | null;
		address: string | null;
		taxId: string | null;
	}[] = [];
	const filled = new Set<string>();
	let skipped = 0;
	for (const { customer, key } of byEmail) {
		const match = existing.get(key);
		if (!match) inserts.push(toInsert(customer));
		// One update per customer: two rows naming two emails of one customer, the first wins.
		else if (job.onExisting === 'fill_empty' && !filled.has(match.id)) {
			filled.add(match.id);
			fills.push({ id: match.id, ...customer });
		} else skipped++;
	}
	for (const { customer, record, name, phone } of byName) {
		if (!namesTaken.has(`${name}|${phone}`)) inserts.push(toInsert(customer));
		else
			report.push({
				...record,
				outcome: 'possible_duplicate',
				reason: possibleDuplicateReason(null),
			});
	}

	const created = await insertImportedCustomers(trx, job.businessId, job.createdBy, inserts);
	const updated = await fillEmptyCustomerFields(
		trx,
		job.businessId,
		fills.map(({ id, phone, address, taxId }) => ({ id, phone, address, taxId })),
	);
	await insertCustomerImportRows(trx, job.id, report);
	const rejected = report.filter((r) => r.outcome === 'rejected').length;
	return {
		created: created.length,
		updated: updated.length,
		// Existing emails left alone, those with nothing empty to fill, emails taken meanwhile, and
		// possible duplicates (which are in the report too).
		skipped:
			skipped +
			(fills.length - updated.length) +
			(inserts.length - created.length) +
			(report.length - rejected),
		rejected,
	};
}

const toInsert = (c: ImportCustomer): ImportedCustomerInsert => ({
	id: randomUUID(),
	name: c.name,
	email: c.email,
	phone: c.phone,
	address: c.address,
	taxId: c.taxId,
	notes: c.notes,
});

/** After the last attempt: the page says so and offers to resume (nothing internal shown). */
export async function markCustomerImportFailed(
	deps: { db: Database },
	input: { importId: string },
) {
	await failCustomerImport(
		deps.db,
		input.importId,
		'The import stopped before the end. Start it again to resume where it stopped.',
	);
}
