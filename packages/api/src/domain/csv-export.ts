import { formatLocaleDecimal, localeNumberFormat } from './locale-number.ts';
import { minorToDecimalString } from './money.ts';

/**
 * Cells of the accountant's CSV exports. Machine-readable by default (ISO dates, dot decimals);
 * `locale` writes numbers and dates as the business's locale shows them, for a spreadsheet
 * opened by hand in that locale.
 */
export type CsvFormat = 'iso' | 'locale';

export interface CsvStyle {
	format: CsvFormat;
	locale: string;
	timeZone: string;
}

// A plain number ("-12.50", "1 234,5") or a phone number ("+1 (555) 010-0100"): a spreadsheet
// reads either as a value, never as a formula call, so they round-trip unescaped.
const PLAIN_NUMBER = /^[+-]?\d[\d.,\s\u00a0\u202f']*$/;
const PHONE = /^\+?[\s().-]*\d[\d\s().-]*$/;

/**
 * A text cell made safe to open in a spreadsheet (CSV/formula injection): one starting with
 * =, @, tab or CR, or with + or - unless it is a plain number or a phone number, gets a leading
 * apostrophe, which spreadsheets show as text and do not evaluate.
 */
export function escapeFormula(value: string): string {
	const first = value.charAt(0);
	if (first === '=' || first === '@' || first === '\t' || first === '\r') return `'${value}`;
	if ((first === '+' || first === '-') && !PLAIN_NUMBER.test(value) && !PHONE.test(value)) {
		return `'${value}`;
	}
	return value;
}

/**
 * The cell as it was before escapeFormula, for reading a CSV back in (an export, or the report
 * of rows not imported): the apostrophe goes only where escapeFormula would have added it, so
 * "'=x" reads as "=x" but "'Bob" and "'+44 20 7946 0000" stay as written.
 */
export function unescapeFormula(cell: string): string {
	if (!cell.startsWith("'")) return cell;
	const original = cell.slice(1);
	return escapeFormula(original) === cell ? original : cell;
}

/** An amount in minor units: "1234.50", or "1234,50" in de-DE (no grouping: it stays a number). */
export function csvAmount(minor: number, currency: string, style: CsvStyle): string {
	const text = minorToDecimalString(minor, currency);
	return style.format === 'locale' ? formatLocaleDecimal(text, style.locale) : text;
}

/** A calendar day ('YYYY-MM-DD'): as is, or in the locale's short date form. */
export function csvDate(day: string, style: CsvStyle): string {
	if (style.format === 'iso') return day;
	const [y, m, d] = day.split('-').map(Number);
	return new Intl.DateTimeFormat(style.locale, { dateStyle: 'short', timeZone: 'UTC' }).format(
		new Date(Date.UTC(y!, m! - 1, d!)),
	);
}

/** A moment: ISO 8601 in UTC, or the locale's short date and time in the business's zone. */
export function csvDateTime(at: Date, style: CsvStyle): string {
	if (style.format === 'iso') return at.toISOString();
	return new Intl.DateTimeFormat(style.locale, {
		dateStyle: 'short',
		timeStyle: 'short',
		timeZone: style.timeZone,
	}).format(at);
}

/**
 * The separator: a comma, except in locale format where the decimal mark is a comma, where
 * spreadsheets expect a semicolon (what Excel itself writes in de-DE or fr-FR).
 */
export function csvDelimiter(style: CsvStyle): ',' | ';' {
	return style.format === 'locale' && localeNumberFormat(style.locale).decimal === ',' ? ';' : ',';
}

/** A byte-order mark first: Excel otherwise reads UTF-8 as the system's legacy code page. */
export const CSV_BOM = '\ufeff';
