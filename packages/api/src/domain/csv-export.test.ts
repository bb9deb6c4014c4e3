import { describe, expect, it } from 'vitest';
import {
	csvAmount,
	csvDate,
	csvDateTime,
	csvDelimiter,
	escapeFormula,
	unescapeFormula,
} from './csv-export.ts';

const iso = { format: 'iso', locale: 'de-DE', timeZone: 'Europe/Berlin' } as const;
const de = { ...iso, format: 'locale' } as const;

describe('escapeFormula', () => {
	it('prefixes cells a spreadsheet would evaluate', () => {
		for (const cell of [
			'=HYPERLINK("http://x","y")',
			'@SUM(A1)',
			'\tx',
			'\rx',
			'+cmd|x',
			'-2+3',
			'-',
			'+',
		]) {
			expect(escapeFormula(cell)).toBe(`'${cell}`);
		}
	});

	it('keeps plain numbers, phones and ordinary text as they are', () => {
		for (const cell of [
			'-12.50',
			'+3',
			'-1 234,56',
			'+1 (555) 010-0100',
			'+44 20 7946 0000',
			'Ann = Bob',
			'a@b.test',
			'',
		]) {
			expect(escapeFormula(cell)).toBe(cell);
		}
	});
});

describe('unescapeFormula', () => {
	it('reads back what escapeFormula wrote, and nothing else', () => {
		for (const cell of ['=HYPERLINK("http://x","y")', '@SUM(A1)', '\tx', '+cmd|x', '-2+3', '-']) {
			expect(unescapeFormula(escapeFormula(cell))).toBe(cell);
		}
		for (const cell of ["'Bob", "'+44 20 7946 0000", "'-12.50", "'", "''=x", 'Ann', '']) {
			expect(unescapeFormula(cell)).toBe(cell);
		}
	});
});

describe('CSV numbers and dates', () => {
	it('are machine-readable by default', () => {
		expect(csvAmount(123450, 'EUR', iso)).toBe('1234.50');
		expect(csvAmount(1500, 'JPY', iso)).toBe('1500');
		expect(csvDate('2026-03-09', iso)).toBe('2026-03-09');
		expect(csvDateTime(new Date('2026-03-09T23:30:00Z'), iso)).toBe('2026-03-09T23:30:00.000Z');
		expect(csvDelimiter(iso)).toBe(',');
	});

	it("follow the business's locale and time zone on request", () => {
		expect(csvAmount(123450, 'EUR', de)).toBe('1234,50');
		expect(csvDate('2026-03-09', de)).toBe('09.03.26');
		expect(csvDateTime(new Date('2026-03-09T23:30:00Z'), de)).toBe('10.03.26, 00:30');
		expect(csvDelimiter(de)).toBe(';');
		expect(csvDelimiter({ ...de, locale: 'en-US' })).toBe(',');
	});
});
