import { stringify } from 'csv-stringify/sync';
import { CSV_BOM, type CsvStyle, csvDelimiter } from '../../domain/csv-export.ts';

/** Rows read from the database this many at a time: memory stays flat whatever the table size. */
export const EXPORT_PAGE = 500;

/**
 * A CSV document as text chunks: BOM and header first, then one chunk per page that `pages`
 * yields. csv-stringify does the quoting; cells arrive already escaped against formulas.
 */
export async function* csvBody(
	style: CsvStyle,
	header: string[],
	pages: AsyncIterable<string[][]>,
): AsyncGenerator<string> {
	const delimiter = csvDelimiter(style);
	// CRLF: RFC 4180's line ending, the one spreadsheets write.
	const options = { delimiter, record_delimiter: 'windows' as const, quoted_match: /^\s|\s$/ };
	yield CSV_BOM + stringify([header], options);
	for await (const rows of pages) {
		if (rows.length > 0) yield stringify(rows, options);
	}
}
