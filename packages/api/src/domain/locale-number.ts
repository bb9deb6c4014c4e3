/**
 * Numbers typed by people in their own locale ("120,50" in France, "1.234,56" in Germany) and
 * the canonical decimal text the money code takes ("1234.56"). Only Latin digits are read and
 * written: inputs are edited on ordinary keyboards whatever the locale's native digits.
 */

export interface LocaleNumberFormat {
	decimal: string;
	group: string;
	/** Digits in the group next to the decimal separator (3; also 3 in en-IN's 12,34,567). */
	lastGroup: number;
	/** Digits in every other group (3; 2 in en-IN). */
	innerGroup: number;
}

// Space-like group separators people type interchangeably: space, NBSP, narrow NBSP, thin space.
const SPACES = [' ', '\u00a0', '\u202f', '\u2009'];
const APOSTROPHES = ["'", '\u2019'];
const MINUS = /^[-\u2212]/;

const formats = new Map<string, LocaleNumberFormat>();

/** The decimal and group separators of a locale, learnt from Intl (cached: building is slow). */
export function localeNumberFormat(locale: string): LocaleNumberFormat {
	let format = formats.get(locale);
	if (format) return format;
	const nf = new Intl.NumberFormat(locale, { numberingSystem: 'latn', useGrouping: 'always' });
	const parts = nf.formatToParts(123456789.5);
	const integers = parts.filter((p) => p.type === 'integer').map((p) => p.value.length);
	format = {
		decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
		group: parts.find((p) => p.type === 'group')?.value ?? ',',
		lastGroup: integers.at(-1) ?? 3,
		innerGroup: integers.length > 2 ? integers.at(-2)! : (integers.at(-1) ?? 3),
	};
	formats.set(locale, format);
	return format;
}

function groupAlternatives(group: string): string[] {
	if (SPACES.includes(group)) return SPACES;
	if (APOSTROPHES.includes(group)) return APOSTROPHES;
	return [group];
}

export type LocaleNumberKind = 'price' | 'quantity' | 'taxRate' | 'amount';

/** "Enter a price like 1 234,56": the message for a value not in the locale's format. */
export function localeNumberHint(kind: LocaleNumberKind, locale: string): string {
	const show = (text: string) => formatLocaleDecimal(text, locale, { grouping: true });
	switch (kind) {
		case 'price':
			return `Enter a price like ${show('1234.56')}`;
		case 'amount':
			return `Enter an amount like ${show('1234.56')}`;
		case 'quantity':
			return `Enter a quantity like 1 or ${show('1.5')} (up to 3 decimals)`;
		case 'taxRate':
			return `Enter a tax rate like 20 or ${show('8.875')}`;
	}
}

export type LocaleDecimalResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * Reads a number typed in the locale's format and returns its canonical decimal text
 * ("1 234,56" in fr-FR → "1234.56"). Group separators are optional but, when present, must sit
 * where the locale puts them, so "1.5" in de-DE or "1,23" in en-US are refused rather than
 * guessed. Decimal places are not limited here: the money rules decide how many a field takes.
 */
export function parseLocaleDecimal(
	text: string,
	locale: string,
	kind: LocaleNumberKind = 'amount',
): LocaleDecimalResult {
	const refuse = (): LocaleDecimalResult => ({
		ok: false,
		message: localeNumberHint(kind, locale),
	});
	const { decimal, group, lastGroup, innerGroup } = localeNumberFormat(locale);
	let rest = text.trim();
	const negative = MINUS.test(rest);
	if (negative) rest = rest.slice(1);

	const decimalAt = rest.indexOf(decimal);
	const whole = decimalAt === -1 ? rest : rest.slice(0, decimalAt);
	const fraction = decimalAt === -1 ? '' : rest.slice(decimalAt + decimal.length);
	if (!/^\d*$/.test(fraction)) return refuse();
	if (whole === '' && fraction === '') return refuse();

	const groups = [whole];
	for (const separator of groupAlternatives(group)) {
		groups.splice(0, groups.length, ...groups.flatMap((g) => g.split(separator)));
	}
	if (!groups.every((g) => /^\d*$/.test(g))) return refuse();
	if (groups.length > 1) {
		const [first = '', ...others] = groups;
		const last = others.pop() ?? '';
		const fits =
			first.length >= 1 &&
			first.length <= innerGroup &&
			last.length === lastGroup &&
			others.every((g) => g.length === innerGroup);
		if (!fits) return refuse();
	}

	const digits = groups.join('').replace(/^0+(?=\d)/, '') || '0';
	const value = `${negative ? '-' : ''}${digits}${fraction ? `.${fraction}` : ''}`;
	return { ok: true, value };
}

/**
 * Shows canonical decimal text in the locale's format ("1234.50" → "1234,50" in fr-FR), keeping
 * every digit as written (no rounding, no floating point). Without grouping by default: it is
 * the text of an input the user edits.
 */
export function formatLocaleDecimal(
	decimalText: string,
	locale: string,
	{ grouping = false }: { grouping?: boolean } = {},
): string {
	const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(decimalText.trim());
	const [, sign = '', whole = '', fraction = ''] = match ?? [];
	if (!match || (whole === '' && fraction === '')) return decimalText;
	const { decimal, group, lastGroup, innerGroup } = localeNumberFormat(locale);
	let integer = whole || '0';
	if (grouping && integer.length > lastGroup) {
		const parts = [integer.slice(-lastGroup)];
		let head = integer.slice(0, -lastGroup);
		while (head.length > innerGroup) {
			parts.unshift(head.slice(-innerGroup));
			head = head.slice(0, -innerGroup);
		}
		parts.unshift(head);
		integer = parts.join(group);
	}
	return `${sign}${integer}${fraction ? `${decimal}${fraction}` : ''}`;
}
