import {
	type Database,
	type Executor,
	INVOICE_NUMBER_UNIQUE,
	insertInvoice,
	invoiceNumbersTaken,
	isUniqueViolation,
	lockInvoiceSequence,
	replaceDraftInvoice,
	setInvoiceCounter,
} from '@rapport/db';
import { FieldValidationError } from '../domain/field-errors.ts';
import { type InvoiceInput, type PricedLine, priceInvoice } from '../domain/invoice.ts';
import { counterAfter, formatInvoiceNumber } from '../domain/invoice-number.ts';

const NUMBER_TAKEN = 'This invoice number is already used. Choose another one.';

/** The first sequence number from `from` on whose formatted number is not used yet. */
export async function firstFreeSequence(
	db: Executor,
	businessId: string,
	prefix: string,
	from: number,
) {
	for (let start = from; ; start += 20) {
		const candidates = Array.from({ length: 20 }, (_, i) => formatInvoiceNumber(prefix, start + i));
		const taken = await invoiceNumbersTaken(db, businessId, candidates);
		const free = candidates.findIndex((c) => !taken.has(c));
		if (free >= 0) return start + free;
	}
}

export async function nextInvoiceNumber(db: Database, businessId: string) {
	const business = await db
		.selectFrom('businesses')
		.select(['invoicePrefix', 'nextInvoiceNumber'])
		.where('id', '=', businessId)
		.executeTakeFirstOrThrow();
	const sequence = await firstFreeSequence(
		db,
		businessId,
		business.invoicePrefix,
		business.nextInvoiceNumber,
	);
	return formatInvoiceNumber(business.invoicePrefix, sequence);
}

/**
 * Picks the number to save and where the counter goes next, under the business's row lock.
 * Blank or the suggested number: the next free one in the sequence. Anything else was typed by
 * hand: kept as typed, and the counter skips past it when it follows the pattern.
 */
async function resolveNumber(
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

const lineRows = (lines: PricedLine[]) =>
	lines.map(({ description, quantity, unitPriceMinor, taxRate }) => ({
		description,
		quantity,
		unitPriceMinor,
		taxRate,
	}));

function rethrowNumberClash(error: unknown): never {
	if (isUniqueViolation(error, INVOICE_NUMBER_UNIQUE))
		throw new FieldValidationError({ number: [NUMBER_TAKEN] });
	throw error;
}

/** Saves a new draft and returns its id; the number and the counter move together or not at all. */
export async function createInvoice(
	db: Database,
	businessId: string,
	customerId: string,
	input: InvoiceInput,
) {
	return db
		.transaction()
		.execute(async (trx) => {
			const { number, counter, currency } = await resolveNumber(trx, businessId, input.number);
			const priced = priceInvoice(input.items, currency);
			const invoiceId = await insertInvoice(
				trx,
				businessId,
				{
					customerId,
					number,
					issueDate: input.issueDate,
					dueDate: input.dueDate,
					currency,
					notes: input.notes,
					subtotalMinor: priced.subtotalMinor,
					taxMinor: priced.taxMinor,
					totalMinor: priced.totalMinor,
				},
				lineRows(priced.lines),
			);
			await setInvoiceCounter(trx, businessId, counter);
			return invoiceId;
		})
		.catch(rethrowNumberClash);
}

/** Replaces a draft's content; false when someone else saved it first (version moved on). */
export async function updateDraft(
	db: Database,
	businessId: string,
	invoice: { id: string; number: string; currency: string },
	version: number,
	input: InvoiceInput,
) {
	return db
		.transaction()
		.execute(async (trx) => {
			const { number, counter } = await resolveNumber(
				trx,
				businessId,
				input.number,
				invoice.number,
			);
			const priced = priceInvoice(input.items, invoice.currency);
			const saved = await replaceDraftInvoice(
				trx,
				businessId,
				invoice.id,
				version,
				{
					number,
					issueDate: input.issueDate,
					dueDate: input.dueDate,
					notes: input.notes,
					subtotalMinor: priced.subtotalMinor,
					taxMinor: priced.taxMinor,
					totalMinor: priced.totalMinor,
				},
				lineRows(priced.lines),
			);
			if (saved) await setInvoiceCounter(trx, businessId, counter);
			return saved;
		})
		.catch(rethrowNumberClash);
}
