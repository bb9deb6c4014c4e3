import { type Database, findCustomerImport, listCustomerImportRows } from '@rapport/db';
import { stringify } from 'csv-stringify/sync';
import { escapeFormula } from '../../domain/csv-export.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { viewCustomerImport } from './view.ts';

const OUTCOME = { rejected: 'Rejected', possible_duplicate: 'Possible duplicate' } as const;

/**
 * The rows that were not imported, with the reason, as a CSV to fix and import again: every cell
 * as read from the file, made safe to open in a spreadsheet (no cell runs as a formula).
 */
export async function customerImportReport(
	deps: { db: Database },
	actor: Actor,
	input: { id: string },
) {
	const found = await findCustomerImport(deps.db, actor.businessId, input.id);
	if (!found) throw new NotFoundError('Import');
	const { columns } = await viewCustomerImport(deps, actor, input);
	const rows = await listCustomerImportRows(deps.db, actor.businessId, found.id);
	const table = [
		['Row', 'Outcome', 'Reason', ...columns],
		...rows.map((r) => [String(r.rowNumber), OUTCOME[r.outcome], r.reason, ...r.cells]),
	];
	const csv = stringify(
		table.map((row) => row.map(escapeFormula)),
		{ bom: true, record_delimiter: '\r\n' },
	);
	const base = found.fileName.replace(/\.csv$/i, '');
	return { fileName: `${base} - not imported.csv`, csv };
}
