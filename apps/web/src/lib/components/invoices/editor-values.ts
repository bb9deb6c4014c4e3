import type { RouterOutputs } from '@rapport/api';
import {
	defaultDueDate,
	formatLocaleDecimal,
	type LocaleNumberKind,
	localeNumberHint,
	minorToDecimalString,
	parseDecimal,
	parseLocaleDecimal,
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
