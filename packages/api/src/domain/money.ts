/**
 * Money is exact: amounts are integers in the currency's minor unit (cents; yen have none),
 * quantities are decimals with up to 3 places, tax rates are percentages with up to 3 places.
 *
 * Rounding rule (the only one): each line is rounded on its own, half away from zero, to the
 * minor unit — first its net amount (quantity × unit price), then its tax (net × rate).
 * Subtotal, tax total and total are plain sums of those rounded line figures, so the document
 * always adds up exactly as printed.
 */

export const QUANTITY_DECIMALS = 3;
export const TAX_RATE_DECIMALS = 3;
export const MAX_QUANTITY = 100_000;
export const MAX_TAX_RATE = 100;

const QTY_SCALE = 10n ** BigInt(QUANTITY_DECIMALS);
const RATE_SCALE = 10n ** BigInt(TAX_RATE_DECIMALS) * 100n; // percent with 3 decimals

// Building an Intl.NumberFormat is far slower than using one; invoices format dozens of amounts.
const formatters = new Map<string, Intl.NumberFormat>();
function currencyFormatter(currency: string, locale = 'en-US'): Intl.NumberFormat {
	const key = `${locale}|${currency}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
		formatters.set(key, formatter);
	}
	return formatter;
}

/** Minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, BHD 3). */
export function currencyDigits(currency: string): number {
	return currencyFormatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Largest unit price accepted, in major units: keeps every total far inside exact integers. */
export const MAX_UNIT_PRICE_MAJOR = 1_000_000;

/** a / b rounded half away from zero, in exact integer arithmetic. */
export function divRoundHalfAwayFromZero(a: bigint, b: bigint): bigint {
	const negative = a < 0n !== b < 0n;
	const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
	const q = (2n * x + y) / (2n * y);
	return negative ? -q : q;
}

/**
 * Parses a decimal string ("1.5", "-2", "0.125") into an integer scaled by 10^places.
 * Returns null when it is not a plain decimal or has more places than allowed.
 */
export function parseDecimal(input: string, places: number): bigint | null {
	const match =
		/^(-)?(\d+)(?:\.(\d*))?$/.exec(input.trim()) ?? /^(-)?()\.(\d+)$/.exec(input.trim());
	if (!match) return null;
	const [, sign, whole = '', fraction = ''] = match;
	if (fraction.length > places) return null;
	const value = BigInt((whole || '0') + fraction.padEnd(places, '0'));
	return sign ? -value : value;
}

/** The canonical text of a scaled decimal, without trailing zeros ("1.500" → "1.5"). */
export function formatDecimal(scaled: bigint, places: number): string {
	const negative = scaled < 0n;
	const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
	const whole = digits.slice(0, digits.length - places);
	const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
	return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "19.99" in USD → 1999; "1500" in JPY → 1500; null when not a valid amount for the currency. */
export function parseMoney(input: string, currency: string): number | null {
	const minor = parseDecimal(input, currencyDigits(currency));
	return minor === null ? null : Number(minor);
}

/** 1999 → "19.99" (JPY 1500 → "1500"): the editable text of an amount. */
export function minorToDecimalString(minor: number, currency: string): string {
	const digits = currencyDigits(currency);
	const text = formatDecimal(BigInt(minor), digits);
	if (digits === 0) return text;
	const [whole, fraction = ''] = text.split('.');
	return `${whole}.${fraction.padEnd(digits, '0')}`;
}

/** Display form in the business's currency, e.g. "$1,234.50" or "¥1,500". */
export function formatMoney(minor: number, currency: string, locale = 'en-US'): string {
	// Intl formats a decimal string exactly (no binary floating point in between).
	const exact = minorToDecimalString(minor, currency) as `${number}`;
	return currencyFormatter(currency, locale).format(exact);
}

export interface LineInput {
	/** Decimal string with up to 3 places, e.g. "1.5". */
	quantity: string;
	unitPriceMinor: number;
	/** Percent as a decimal string with up to 3 places, e.g. "20" or "8.875"; "0" for none. */
	taxRate: string;
}

export interface LineAmounts {
	netMinor: number;
	taxMinor: number;
}

export function lineAmounts(line: LineInput): LineAmounts {
	const qty = parseDecimal(line.quantity, QUANTITY_DECIMALS);
	const rate = parseDecimal(line.taxRate, TAX_RATE_DECIMALS);
	if (qty === null || rate === null) throw new RangeError('Invalid quantity or tax rate');
	const net = divRoundHalfAwayFromZero(qty * BigInt(line.unitPriceMinor), QTY_SCALE);
	const tax = divRoundHalfAwayFromZero(net * rate, RATE_SCALE);
	return { netMinor: Number(net), taxMinor: Number(tax) };
}

export interface InvoiceTotals {
	lines: LineAmounts[];
	subtotalMinor: number;
	taxMinor: number;
	totalMinor: number;
}

export function invoiceTotals(lines: LineInput[]): InvoiceTotals {
	const amounts = lines.map(lineAmounts);
	const subtotalMinor = amounts.reduce((sum, l) => sum + l.netMinor, 0);
	const taxMinor = amounts.reduce((sum, l) => sum + l.taxMinor, 0);
	return { lines: amounts, subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor };
}
