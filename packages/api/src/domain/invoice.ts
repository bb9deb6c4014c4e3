import { z } from 'zod';
import { FieldValidationError } from './field-errors.ts';
import { INVOICE_NUMBER_MAX_LENGTH } from './invoice-number.ts';
import {
	currencyDigits,
	formatDecimal,
	invoiceTotals,
	type LineInput,
	MAX_QUANTITY,
	MAX_TAX_RATE,
	MAX_UNIT_PRICE_MAJOR,
	parseDecimal,
	parseMoney,
	QUANTITY_DECIMALS,
	TAX_RATE_DECIMALS,
} from './money.ts';
import { multiLineText, singleLineText } from './text-input.ts';

/** Documented limits: 100 items per invoice, 500 characters per description, 2,000 for notes. */
export const MAX_INVOICE_ITEMS = 100;
export const ITEM_DESCRIPTION_MAX = 500;
export const INVOICE_NOTES_MAX = 2_000;

const isoDate = (label: string) =>
	z
		.string({ error: `Enter the ${label}` })
		.regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label}`)
		.refine((v) => {
			const d = new Date(`${v}T00:00:00Z`);
			return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
		}, `Enter a real calendar date for the ${label}`);

const decimalText = (label: string, places: number, message: string) =>
	singleLineText(label, 40).refine((v) => parseDecimal(v, places) !== null, message);

export const invoiceItemInput = z.object({
	description: multiLineText('Description', ITEM_DESCRIPTION_MAX)
		.trim()
		.min(1, 'Describe the item'),
	quantity: decimalText(
		'Quantity',
		QUANTITY_DECIMALS,
		'Enter a quantity like 1 or 1.5 (up to 3 decimals)',
	)
		.refine((v) => (parseDecimal(v, QUANTITY_DECIMALS) ?? 0n) > 0n, 'Quantity must be more than 0')
		.refine(
			(v) => (parseDecimal(v, QUANTITY_DECIMALS) ?? 0n) <= BigInt(MAX_QUANTITY) * 1000n,
			`Quantity must be at most ${MAX_QUANTITY.toLocaleString('en')}`,
		),
	unitPrice: decimalText('Unit price', 3, 'Enter a price like 19.99')
		.refine((v) => (parseDecimal(v, 3) ?? 0n) >= 0n, 'Price cannot be negative')
		.refine(
			(v) => (parseDecimal(v, 3) ?? 0n) <= BigInt(MAX_UNIT_PRICE_MAJOR) * 1000n,
			`Price must be at most ${MAX_UNIT_PRICE_MAJOR.toLocaleString('en')}`,
		),
	taxRate: decimalText('Tax rate', TAX_RATE_DECIMALS, 'Enter a tax rate like 20 or 8.875')
		.refine((v) => {
			const rate = parseDecimal(v, TAX_RATE_DECIMALS) ?? -1n;
			return rate >= 0n && rate <= BigInt(MAX_TAX_RATE) * 1000n;
		}, `Tax rate must be between 0 and ${MAX_TAX_RATE} %`)
		.default('0'),
});

export const invoiceInput = z
	.object({
		number: singleLineText('Invoice number', INVOICE_NUMBER_MAX_LENGTH).default(''),
		issueDate: isoDate('issue date'),
		dueDate: isoDate('due date'),
		notes: multiLineText('Notes', INVOICE_NOTES_MAX)
			.default('')
			.transform((v) => (v.trim() ? v : null)),
		items: z
			.array(invoiceItemInput)
			.min(1, 'Add at least one item')
			.max(MAX_INVOICE_ITEMS, `An invoice can have up to ${MAX_INVOICE_ITEMS} items`),
	})
	.refine((v) => v.dueDate >= v.issueDate, {
		path: ['dueDate'],
		message: 'The due date cannot be before the issue date',
	});

export type InvoiceInput = z.output<typeof invoiceInput>;

export interface PricedLine extends LineInput {
	description: string;
	netMinor: number;
	taxMinor: number;
}

/**
 * Converts the form's prices into minor units of the business currency and prices every line.
 * A price with more decimals than the currency has (19.999 USD, 10.5 JPY) is a field error.
 */
export function priceInvoice(items: InvoiceInput['items'], currency: string) {
	const errors: Record<string, string[]> = {};
	const lines = items.map((item, i) => {
		const unitPriceMinor = parseMoney(item.unitPrice, currency);
		if (unitPriceMinor === null) {
			const digits = currencyDigits(currency);
			errors[`items.${i}.unitPrice`] = [
				digits === 0
					? `${currency} prices have no decimals`
					: `Use at most ${digits} decimals for ${currency}`,
			];
		}
		return {
			description: item.description,
			quantity: formatDecimal(parseDecimal(item.quantity, QUANTITY_DECIMALS)!, QUANTITY_DECIMALS),
			taxRate: formatDecimal(parseDecimal(item.taxRate, TAX_RATE_DECIMALS)!, TAX_RATE_DECIMALS),
			unitPriceMinor: unitPriceMinor ?? 0,
		};
	});
	if (Object.keys(errors).length) throw new FieldValidationError(errors);
	const totals = invoiceTotals(lines);
	const priced: PricedLine[] = lines.map((line, i) => ({ ...line, ...totals.lines[i]! }));
	return {
		lines: priced,
		subtotalMinor: totals.subtotalMinor,
		taxMinor: totals.taxMinor,
		totalMinor: totals.totalMinor,
	};
}

/** Due date from the business's payment terms. */
export function defaultDueDate(issueDate: string, paymentTermsDays: number): string {
	const d = new Date(`${issueDate}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + paymentTermsDays);
	return d.toISOString().slice(0, 10);
}
