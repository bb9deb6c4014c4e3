/** Sequence numbers are zero-padded to at least this many digits: INV-0001 … INV-9999, INV-10000. */
export const INVOICE_NUMBER_DIGITS = 4;
export const INVOICE_NUMBER_MAX_LENGTH = 32;

export function formatInvoiceNumber(prefix: string, sequence: number): string {
	return `${prefix}${String(sequence).padStart(INVOICE_NUMBER_DIGITS, '0')}`;
}

/**
 * The sequence a hand-typed number stands for, when it follows the business's pattern
 * ("INV-0042" with prefix "INV-" → 42); null for free-form numbers ("2026/SPECIAL").
 */
export function parseInvoiceSequence(prefix: string, number: string): number | null {
	if (!number.startsWith(prefix)) return null;
	const rest = number.slice(prefix.length);
	if (!/^\d{1,9}$/.test(rest)) return null;
	return Number(rest);
}

/**
 * Where the counter goes after saving `number`: past it when it was typed by hand ahead of the
 * sequence, so a later automatic number never collides with it; unchanged otherwise.
 */
export function counterAfter(prefix: string, counter: number, number: string): number {
	const sequence = parseInvoiceSequence(prefix, number);
	return sequence !== null && sequence >= counter ? sequence + 1 : counter;
}
