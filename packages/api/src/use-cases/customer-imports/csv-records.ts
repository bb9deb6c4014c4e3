import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { cleanText } from '../../domain/clean-text.ts';
import { IMPORT_MAX_ROW_CHARS, type ImportDelimiter } from '../../domain/customer-import.ts';

export interface CsvRecord {
	/** 1-based position of the record in the file, the header (if any) being row 1. */
	rowNumber: number;
	cells: string[];
}

/**
 * Streams the records of a stored CSV (csv-parse): BOM dropped, quoted fields with separators and
 * line breaks, rows of any width, blank rows skipped. NUL goes from every cell (PostgreSQL text
 * and jsonb refuse it). Throws CsvError on malformed input (see csvProblem).
 */
export async function* csvRecords(
	bytes: Uint8Array,
	delimiter: ImportDelimiter,
): AsyncGenerator<CsvRecord> {
	const parser = Readable.from([
		Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
	]).pipe(
		parse({
			delimiter,
			bom: true,
			relax_column_count: true,
			skip_empty_lines: true,
			skip_records_with_empty_values: true,
			max_record_size: IMPORT_MAX_ROW_CHARS,
		}),
	);
	let rowNumber = 0;
	try {
		for await (const record of parser as AsyncIterable<string[]>) {
			rowNumber++;
			yield { rowNumber, cells: record.map(cleanText) };
		}
	} finally {
		parser.destroy();
	}
}

/** A malformed file, told as the person who saved it can fix it; null when not a CSV error. */
export function csvProblem(error: unknown): string | null {
	if (!(error instanceof CsvError)) return null;
	const line = typeof error.lines === 'number' ? ` (line ${error.lines})` : '';
	switch (error.code) {
		case 'CSV_MAX_RECORD_SIZE':
			return `A row of this file is longer than ${IMPORT_MAX_ROW_CHARS.toLocaleString('en')} characters${line}: is it really a CSV of customers, one per line?`;
		case 'CSV_QUOTE_NOT_CLOSED':
			return `A quoted field is never closed${line}. Check for a stray " in the file.`;
		case 'CSV_INVALID_CLOSING_QUOTE':
		case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
			return `A quote inside a field is not doubled${line}: write "" for a " inside quotes.`;
		default:
			return `This file could not be read as CSV${line}.`;
	}
}
