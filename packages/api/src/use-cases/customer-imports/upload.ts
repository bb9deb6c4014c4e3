import { type Database, insertCustomerImport } from '@rapport/db';
import {
	decodeUtf8,
	detectDelimiter,
	IMPORT_MAX_BYTES,
	IMPORT_MAX_ROWS,
	IMPORT_PREVIEW_ROWS,
	INVALID_UTF8,
	looksLikeHeader,
} from '../../domain/customer-import.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { toSingleLine } from '../../domain/text-input.ts';
import type { Actor } from '../actor.ts';
import { csvProblem, csvRecords } from './csv-records.ts';

const refuse = (message: string) => new FieldValidationError({ file: [message] });

/**
 * Checks a CSV of customers (size, UTF-8, CSV syntax, row count) and stores it for the mapping
 * step; a refused file stores nothing. Whole-file checks happen here, so the worker never meets
 * a file it cannot read.
 */
export async function uploadCustomerImport(
	deps: { db: Database },
	actor: Actor,
	input: { fileName: string; bytes: Uint8Array },
) {
	const { bytes } = input;
	if (bytes.byteLength === 0) throw refuse('The file is empty.');
	if (bytes.byteLength > IMPORT_MAX_BYTES) throw refuse('The file is larger than 10 MB.');
	const text = decodeUtf8(bytes);
	if (text === null) throw refuse(INVALID_UTF8);
	const delimiter = detectDelimiter(text.slice(0, 64 * 1024));

	const preview: string[][] = [];
	let records = 0;
	let columnCount = 0;
	try {
		for await (const { cells } of csvRecords(bytes, delimiter)) {
			records++;
			if (records > IMPORT_MAX_ROWS + 1)
				throw refuse(
					`The file has more than ${IMPORT_MAX_ROWS.toLocaleString('en')} rows. Split it into smaller files and import each.`,
				);
			columnCount = Math.max(columnCount, cells.length);
			if (preview.length <= IMPORT_PREVIEW_ROWS) preview.push(cells.map((c) => c.slice(0, 200)));
		}
	} catch (error) {
		const problem = csvProblem(error);
		if (problem) throw refuse(problem);
		throw error;
	}
	if (records === 0) throw refuse('The file has no rows.');
	const hasHeader = looksLikeHeader(preview[0] ?? []);
	// A header alone is a header of nothing.
	if (hasHeader && records === 1) throw refuse('The file has a header row but no customers.');
	if (!hasHeader && records > IMPORT_MAX_ROWS)
		throw refuse(`The file has more than ${IMPORT_MAX_ROWS.toLocaleString('en')} rows.`);

	return insertCustomerImport(deps.db, actor.businessId, {
		createdBy: actor.userId,
		fileName: toSingleLine(input.fileName).slice(0, 200) || 'customers.csv',
		upload: Buffer.from(bytes),
		delimiter,
		hasHeader,
		preview: JSON.stringify(preview),
		columnCount,
		totalRows: records - (hasHeader ? 1 : 0),
	});
}
