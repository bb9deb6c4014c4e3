import { describe, expect, it } from 'vitest';
import {
	formatLocaleDecimal,
	localeNumberFormat,
	localeNumberHint,
	parseLocaleDecimal,
} from './locale-number.ts';
import { parseMoney } from './money.ts';

const value = (text: string, locale: string) => {
	const result = parseLocaleDecimal(text, locale, 'price');
	return result.ok ? result.value : `refused: ${result.message}`;
};

describe('parseLocaleDecimal', () => {
	it('reads fr-FR: comma decimals, any kind of space between groups', () => {
		expect(value('120,50', 'fr-FR')).toBe('120.50');
		expect(value('1 234,56', 'fr-FR')).toBe('1234.56');
		expect(value('1\u00a0234,56', 'fr-FR')).toBe('1234.56');
		expect(value('1\u202f234\u202f567,5', 'fr-FR')).toBe('1234567.5');
		expect(value('1234,56', 'fr-FR')).toBe('1234.56');
		expect(value('  42  ', 'fr-FR')).toBe('42');
	});

	it('reads en-US with and without group commas', () => {
		expect(value('1,234.56', 'en-US')).toBe('1234.56');
		expect(value('1234.56', 'en-US')).toBe('1234.56');
		expect(value('19.99', 'en-US')).toBe('19.99');
		expect(value('1,234', 'en-US')).toBe('1234');
		expect(value('.5', 'en-US')).toBe('0.5');
	});

	it('reads de-DE and es-ES: dot groups, comma decimals', () => {
		expect(value('1.234,56', 'de-DE')).toBe('1234.56');
		expect(value('1234,56', 'de-DE')).toBe('1234.56');
		expect(value('1.234.567', 'de-DE')).toBe('1234567');
		expect(value('1.234,56', 'es-ES')).toBe('1234.56');
		expect(value('99,9', 'es-ES')).toBe('99.9');
	});

	it('reads the lakh grouping of en-IN', () => {
		expect(value('12,34,567.89', 'en-IN')).toBe('1234567.89');
	});

	it('keeps a minus sign (hyphen or U+2212) and drops leading zeros', () => {
		expect(value('-1,5', 'fr-FR')).toBe('-1.5');
		expect(value('\u22121.5', 'en-US')).toBe('-1.5');
		expect(value('007,50', 'fr-FR')).toBe('7.50');
		expect(value('0,5', 'fr-FR')).toBe('0.5');
	});

	it('refuses what it would have to guess, naming the expected format', () => {
		const price = localeNumberHint('price', 'fr-FR');
		expect(price).toBe('Enter a price like 1\u202f234,56');
		// A dot is neither the decimal nor the group separator in French.
		expect(value('120.50', 'fr-FR')).toBe(`refused: ${price}`);
		// Misplaced groups: a German "1.5" is not 1.5, an American "1,23" is not 1.23.
		expect(value('1.5', 'de-DE')).toBe('refused: Enter a price like 1.234,56');
		expect(value('1,23', 'en-US')).toBe('refused: Enter a price like 1,234.56');
		expect(value('1.234,56', 'en-US')).toMatch(/^refused/);
		expect(value('12 34,5', 'fr-FR')).toMatch(/^refused/);
		expect(value('1,2,3', 'fr-FR')).toMatch(/^refused/);
		expect(value(',', 'fr-FR')).toMatch(/^refused/);
		expect(value('', 'fr-FR')).toMatch(/^refused/);
		expect(value('- 5', 'fr-FR')).toMatch(/^refused/);
		expect(value('1e3', 'en-US')).toMatch(/^refused/);
		expect(value('12 €', 'fr-FR')).toMatch(/^refused/);
	});

	it('names the field in its message', () => {
		const quantity = parseLocaleDecimal('un', 'fr-FR', 'quantity');
		expect(quantity).toEqual({
			ok: false,
			message: 'Enter a quantity like 1 or 1,5 (up to 3 decimals)',
		});
		expect(localeNumberHint('taxRate', 'de-DE')).toBe('Enter a tax rate like 20 or 8,875');
	});

	it('leaves decimal places to the money rules', () => {
		const result = parseLocaleDecimal('19,999', 'fr-FR');
		expect(result).toEqual({ ok: true, value: '19.999' });
		expect(parseMoney('19.999', 'EUR')).toBeNull();
		expect(parseMoney('120.50', 'EUR')).toBe(12050);
	});
});

describe('formatLocaleDecimal', () => {
	it('writes canonical text in the locale, digit for digit', () => {
		expect(formatLocaleDecimal('120.50', 'fr-FR')).toBe('120,50');
		expect(formatLocaleDecimal('1234.56', 'de-DE')).toBe('1234,56');
		expect(formatLocaleDecimal('1234.56', 'en-US')).toBe('1234.56');
		expect(formatLocaleDecimal('-0.125', 'es-ES')).toBe('-0,125');
		expect(formatLocaleDecimal('1', 'fr-FR')).toBe('1');
	});

	it('groups on request, and parses back to the same value', () => {
		for (const locale of ['fr-FR', 'en-US', 'de-DE', 'es-ES', 'en-IN', 'de-CH']) {
			const shown = formatLocaleDecimal('1234567.89', locale, { grouping: true });
			expect(parseLocaleDecimal(shown, locale)).toEqual({ ok: true, value: '1234567.89' });
		}
		expect(formatLocaleDecimal('1234567.89', 'de-DE', { grouping: true })).toBe('1.234.567,89');
	});

	it('leaves text that is not a canonical decimal as it is', () => {
		expect(formatLocaleDecimal('', 'fr-FR')).toBe('');
		expect(formatLocaleDecimal('abc', 'fr-FR')).toBe('abc');
	});
});

describe('localeNumberFormat', () => {
	it('learns separators from Intl', () => {
		expect(localeNumberFormat('fr-FR')).toMatchObject({ decimal: ',', group: '\u202f' });
		expect(localeNumberFormat('en-US')).toMatchObject({ decimal: '.', group: ',' });
		expect(localeNumberFormat('en-IN')).toMatchObject({ lastGroup: 3, innerGroup: 2 });
	});
});
