import type { RouterOutputs } from '@rapport/api';
import {
	currencyDigits,
	defaultDueDate,
	formatLocaleDecimal,
	type LocaleNumberKind,
	localeNumberHint,
	minorToDecimalString,
	parseDecimal,
	parseLocaleDecimal,
	parseMoney,
	QUANTITY_DECIMALS,
	TAX_RATE_DECIMALS,
	todayUtc,
} from '@rapport/api/domain';

export interface EditorItem {
	description: string;
	quantity: string;
	unitPrice: string;
	taxRate: string;
}

export interface EditorValues {
	number: string;
	issueDate: string;
	dueDate: string;
	notes: string;
	items: EditorItem[];
}

export function newInvoiceValues(number: string, paymentTermsDays: number): EditorValues {
	const issueDate = todayUtc();
	return {
		number,
		issueDate,
		dueDate: defaultDueDate(issueDate, paymentTermsDays),
		notes: '',
		items: [{ description: '', quantity: '1', unitPrice: '', taxRate: '0' }],
	};
}

export function invoiceToValues(invoice: RouterOutputs['invoices']['byId']): EditorValues {
	return {
		number: invoice.number,
		issueDate: invoice.issueDate,
		dueDate: invoice.dueDate,
		notes: invoice.notes ?? '',
		items: invoice.items.map((item) => ({
			description: item.description,
			quantity: item.quantity,
			unitPrice: minorToDecimalString(item.unitPriceMinor, invoice.currency),
			taxRate: item.taxRate,
		})),
	};
}

const NUMBER_FIELDS = {
	quantity: 'quantity',
	unitPrice: 'price',
	taxRate: 'taxRate',
} as const satisfies Record<string, LocaleNumberKind>;

/** The values as the user edits them: numbers in the business's locale ("120,50" in fr-FR). */
export function toLocaleValues(values: EditorValues, locale: string): EditorValues {
	return {
		...values,
		items: values.items.map((item) => ({
			...item,
			quantity: formatLocaleDecimal(item.quantity, locale),
			unitPrice: formatLocaleDecimal(item.unitPrice, locale),
			taxRate: formatLocaleDecimal(item.taxRate, locale),
		})),
	};
}

type NumberField = keyof typeof NUMBER_FIELDS;

/** Canonical text of one typed number, or the message naming the locale's format. */
function readNumber(text: string, field: NumberField, locale: string) {
	const kind = NUMBER_FIELDS[field];
	const parsed = parseLocaleDecimal(text, locale, kind);
	if (!parsed.ok || field === 'unitPrice') return parsed;
	// A price's places depend on the currency (the server says); quantities and rates have 3,
	// checked here so that the message too is in the locale's format.
	const places = field === 'quantity' ? QUANTITY_DECIMALS : TAX_RATE_DECIMALS;
	return parseDecimal(parsed.value, places) === null
		? { ok: false as const, message: localeNumberHint(kind, locale) }
		: parsed;
}

/**
 * The values as the server takes them: numbers as canonical decimal text ("120.50"), or the
 * field errors, each naming the locale's format. Blank numbers stay blank for the server's
 * own "required" rules.
 */
export function toCanonicalValues(
	values: EditorValues,
	locale: string,
): { ok: true; values: EditorValues } | { ok: false; errors: Record<string, string[]> } {
	const errors: Record<string, string[]> = {};
	const items = values.items.map((item, i) => {
		const canonical = { ...item };
		for (const field of Object.keys(NUMBER_FIELDS) as NumberField[]) {
			if (!item[field].trim()) continue;
			const read = readNumber(item[field], field, locale);
			if (read.ok) canonical[field] = read.value;
			else errors[`items.${i}.${field}`] = [read.message];
		}
		return canonical;
	});
	return Object.keys(errors).length
		? { ok: false, errors }
		: { ok: true, values: { ...values, items } };
}

const ITEM_KEY = /^items\.(\d+)\.(description|quantity|unitPrice|taxRate)$/;

/**
 * What the editor field behind an error key holds now ("items.1.unitPrice" → that price), or
 * undefined when no field shows that key (a row since removed, a server-only key).
 */
export function editorFieldValue(values: EditorValues, key: string): string | undefined {
	if (key === 'number' || key === 'issueDate' || key === 'dueDate' || key === 'notes')
		return values[key];
	if (key === 'items') return String(values.items.length);
	const match = ITEM_KEY.exec(key);
	if (!match) return undefined;
	const item = values.items[Number(match[1])];
	return item?.[match[2] as keyof EditorItem];
}

/**
 * The number fields that cannot be read as they are typed now, with the reason: the same
 * messages a save would give (format of the locale, decimals of the currency). Blank is fine.
 */
export function readLiveNumbers(
	values: EditorValues,
	locale: string,
	currency: string,
): Record<string, string> {
	const errors: Record<string, string> = {};
	values.items.forEach((item, i) => {
		for (const field of Object.keys(NUMBER_FIELDS) as NumberField[]) {
			if (!item[field].trim()) continue;
			const read = readNumber(item[field], field, locale);
			if (!read.ok) errors[`items.${i}.${field}`] = read.message;
			else if (field === 'unitPrice' && parseMoney(read.value, currency) === null) {
				const digits = currencyDigits(currency);
				errors[`items.${i}.${field}`] =
					digits === 0
						? `${currency} prices have no decimals`
						: `Use at most ${digits} decimals for ${currency}`;
			}
		}
	});
	return errors;
}

const FIELD_NAMES: Record<NumberField, string> = {
	quantity: 'quantity',
	unitPrice: 'unit price',
	taxRate: 'tax rate',
};

/** Why the totals cannot be shown: the first line whose number does not read, by its number. */
export function unreadableTotalsMessage(
	values: EditorValues,
	unreadable: Record<string, string>,
): string | null {
	for (const [i] of values.items.entries()) {
		for (const field of Object.keys(NUMBER_FIELDS) as NumberField[]) {
			if (`items.${i}.${field}` in unreadable)
				return `Can’t total until the ${FIELD_NAMES[field]} in line ${i + 1} is fixed.`;
		}
	}
	return null;
}

/** Keys of rows after `removed` move up one row; the removed row's keys are dropped. */
export function shiftItemKeys<T>(map: Record<string, T>, removed: number): Record<string, T> {
	const shifted: Record<string, T> = {};
	for (const [key, value] of Object.entries(map)) {
		const match = /^items\.(\d+)\.(.+)$/.exec(key);
		if (!match) shifted[key] = value;
		else if (Number(match[1]) < removed) shifted[key] = value;
		else if (Number(match[1]) > removed)
			shifted[`items.${Number(match[1]) - 1}.${match[2]}`] = value;
	}
	return shifted;
}
