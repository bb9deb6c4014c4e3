import {
	type Executor,
	findInvoiceSequence,
	INVOICE_NUMBER_UNIQUE,
	invoiceNumbersTaken,
	isUniqueViolation,
	lockInvoiceSequence,
} from '@rapport/db';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { counterAfter, formatInvoiceNumber } from '../../domain/invoice-number.ts';

const NUMBER_TAKEN = 'This invoice number is already used. Choose another one.';

/** The first sequence number from `from` on whose formatted number is not used yet. */
async function firstFreeSequence(db: Executor, businessId: string, prefix: string, from: number) {
	for (let start = from; ; start += 20) {
		const candidates = Array.from({ length: 20 }, (_, i) => formatInvoiceNumber(prefix, start + i));
		const taken = await invoiceNumbersTaken(db, businessId, candidates);
		const free = candidates.findIndex((c) => !taken.has(c));
		if (free >= 0) return start + free;
	}
}

/** The number the next new invoice gets unless one is typed (shown in the form). */
export async function nextInvoiceNumber(db: Executor, businessId: string) {
	const sequence = await findInvoiceSequence(db, businessId);
	const next = await firstFreeSequence(
		db,
		businessId,
		sequence.invoicePrefix,
		sequence.nextInvoiceNumber,
	);
	return formatInvoiceNumber(sequence.invoicePrefix, next);
}

/**
 * Picks the number to save and where the counter goes next, under the business's row lock.
 * Blank or the suggested number: the next free one in the sequence. Anything else was typed by
 * hand: kept as typed, and the counter skips past it when it follows the pattern.
 */
export async function resolveNumber(
	trx: Executor,
	businessId: string,
	requested: string,
	currentNumber?: string,
) {
	const sequence = await lockInvoiceSequence(trx, businessId);
	const { invoicePrefix: prefix, nextInvoiceNumber: counter } = sequence;
	if (currentNumber !== undefined && (requested === currentNumber || requested === '')) {
		return { number: currentNumber, counter, currency: sequence.currency };
	}
	const auto = await firstFreeSequence(trx, businessId, prefix, counter);
	if (requested === '' || requested === formatInvoiceNumber(prefix, auto)) {
		return {
			number: formatInvoiceNumber(prefix, auto),
			counter: auto + 1,
			currency: sequence.currency,
		};
	}
	if ((await invoiceNumbersTaken(trx, businessId, [requested])).size) {
		throw new FieldValidationError({ number: [NUMBER_TAKEN] });
	}
	return {
		number: requested,
		counter: counterAfter(prefix, counter, requested),
		currency: sequence.currency,
	};
}

/** Two saves that picked the same number at once: the loser hears it as a field error. */
export function rethrowNumberClash(error: unknown): never {
	if (isUniqueViolation(error, INVOICE_NUMBER_UNIQUE))
		throw new FieldValidationError({ number: [NUMBER_TAKEN] });
	throw error;
}
