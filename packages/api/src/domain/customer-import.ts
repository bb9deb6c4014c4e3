import { z } from 'zod';
import { cleanText } from './clean-text.ts';
import { unescapeFormula } from './csv-export.ts';
import { customerInput } from './customer.ts';
import { phoneDigits } from './customer-address.ts';
import { customerEmailKey } from './customer-matching.ts';
import { NOTE_MAX_LENGTH } from './note.ts';
import { multiLineText } from './text-input.ts';

// The rules of a customer CSV import that need no I/O: which column is which, which separator
// the file uses, and what one row becomes (a customer, or a refusal with its reason).

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;
/** One row of a customer list is a few hundred characters; far more is not a customer list. */
export const IMPORT_MAX_ROW_CHARS = 100_000;
/** Rows shown on the mapping screen. */
export const IMPORT_PREVIEW_ROWS = 5;

export const IMPORT_DELIMITERS = [',', ';'] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];

export const IMPORT_FIELDS = [
	'name',
	'firstName',
	'lastName',
	'company',
	'email',
	'phone',
	'address',
	'taxId',
	'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
	name: 'Name',
	firstName: 'First name',
	lastName: 'Last name',
	company: 'Company',
	email: 'Email',
	phone: 'Phone',
	address: 'Address',
	taxId: 'Tax ID',
	notes: 'Notes',
};

/** Which column (0-based) holds each field; a field left out is not imported. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

export const columnMapping = z
	.object(
		Object.fromEntries(
			IMPORT_FIELDS.map((f) => [f, z.number().int().min(0).max(999).nullish()]),
		) as Record<ImportField, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>,
	)
	.strict()
	.transform((m) => {
		const mapping: ColumnMapping = {};
		for (const field of IMPORT_FIELDS) {
			const column = m[field];
			if (column !== null && column !== undefined) mapping[field] = column;
		}
		return mapping;
	});

export const ON_EXISTING = ['skip', 'fill_empty'] as const;
export type OnExisting = (typeof ON_EXISTING)[number];

const HEADER_NAMES: Record<ImportField, string[]> = {
	name: ['name', 'full name', 'fullname', 'customer', 'customer name', 'contact', 'contact name'],
	firstName: ['first name', 'firstname', 'given name', 'first'],
	lastName: ['last name', 'lastname', 'surname', 'family name', 'last'],
	company: ['company', 'company name', 'organization', 'organisation', 'business'],
	email: ['email', 'e-mail', 'email address', 'e-mail address', 'mail'],
	phone: ['phone', 'mobile', 'phone number', 'telephone', 'tel', 'mobile phone', 'cell'],
	address: ['address', 'street address', 'postal address', 'billing address'],
	taxId: ['tax id', 'taxid', 'vat', 'vat number', 'vat id', 'tax number'],
	notes: ['notes', 'note', 'comments', 'comment'],
};

const headerKey = (cell: string) =>
	cell.trim().toLowerCase().replace(/[_.]+/g, ' ').replace(/\s+/g, ' ');

/** The field a header cell names ("E-mail", "Phone number", "First_Name"), or null. */
export function recognizeHeader(cell: string): ImportField | null {
	const key = headerKey(cell);
	for (const field of IMPORT_FIELDS) if (HEADER_NAMES[field].includes(key)) return field;
	return null;
}

/** The mapping the screen starts with: each recognised field at its first column. */
export function suggestMapping(header: readonly string[]): ColumnMapping {
	const mapping: ColumnMapping = {};
	header.forEach((cell, column) => {
		const field = recognizeHeader(cell);
		if (field && mapping[field] === undefined) mapping[field] = column;
	});
	return mapping;
}

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A first row is a header unless it already holds data: an email address, or no cell that reads
 * like a column name while other rows follow.
 */
export function looksLikeHeader(first: readonly string[]): boolean {
	if (first.some((cell) => EMAIL_LIKE.test(cell.trim()))) return false;
	return first.some((cell) => recognizeHeader(cell) !== null) || first.every((c) => !/\d/.test(c));
}

/**
 * `;` (what spreadsheets write where `,` is the decimal separator) or `,`: whichever splits the
 * first lines into more, equal columns, counting only separators outside quotes.
 */
export function detectDelimiter(sample: string): ImportDelimiter {
	const lines = firstLines(sample.replace(/^\uFEFF/, ''), 10);
	const score = (d: ImportDelimiter) => {
		const counts = lines.map((line) => countOutsideQuotes(line, d));
		const first = counts[0] ?? 0;
		if (first === 0) return 0;
		const consistent = counts.filter((c) => c === first).length;
		return first * 1000 + consistent;
	};
	return score(';') > score(',') ? ';' : ',';
}

/** Lines of the sample as the CSV sees them: a quoted field may hold line breaks. */
function firstLines(sample: string, max: number): string[] {
	const lines: string[] = [];
	let quoted = false;
	let start = 0;
	for (let i = 0; i < sample.length && lines.length < max; i++) {
		const c = sample[i];
		if (c === '"') quoted = !quoted;
		else if (!quoted && (c === '\n' || c === '\r')) {
			if (i > start) lines.push(sample.slice(start, i));
			start = i + 1;
		}
	}
	if (lines.length < max && start < sample.length) lines.push(sample.slice(start));
	return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
	let quoted = false;
	let count = 0;
	for (const c of line) {
		if (c === '"') quoted = !quoted;
		else if (!quoted && c === delimiter) count++;
	}
	return count;
}

/** Null when the bytes are not UTF-8 text (a file saved as Windows-1252 or Mac Roman, say). */
export function decodeUtf8(bytes: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
	} catch {
		return null;
	}
}

export const INVALID_UTF8 =
	'This file is not UTF-8 text. In your spreadsheet, save or export it as “CSV UTF-8” and upload it again.';

/** "Ana" + "Lima" → "Ana Lima"; either part may be missing. */
export function nameFromParts(first: string, last: string): string {
	return [first, last]
		.map((p) => p.trim())
		.filter(Boolean)
		.join(' ');
}

export interface ImportCustomer {
	name: string;
	/** As written (trimmed); null when the row has none. */
	email: string | null;
	phone: string | null;
	address: string | null;
	taxId: string | null;
	notes: string | null;
	/** How the row is matched to a customer: see importMatchKey. */
	matchKey: string;
}

export type ImportRowResult =
	| { ok: true; customer: ImportCustomer }
	| { ok: false; reason: string };

const oneLine = (v: string) => cleanText(v).replace(/\s+/g, ' ').trim();
const notes = multiLineText('Notes', NOTE_MAX_LENGTH);

/**
 * Rows with an email are matched by it (case-insensitive); rows without one by name + phone
 * digits, so importing the same file again finds what the first import created.
 */
export function importMatchKey(c: { name: string; email: string | null; phone: string | null }) {
	if (c.email) return `email:${customerEmailKey(c.email)}`;
	return `name:${c.name.toLowerCase()}|${phoneDigits(c.phone)}`;
}

/**
 * What one CSV row becomes. The name is the Name column, else First + Last name, else Company,
 * else the email. Values are stored as text exactly as written (a cell such as
 * `=HYPERLINK(...)` is a name like any other: it is never evaluated, here or when shown), except
 * for the apostrophe a CSV export puts before such a cell (see unescapeFormula).
 */
export function importRow(cells: readonly string[], mapping: ColumnMapping): ImportRowResult {
	// A file exported from Rapport (or its report) reads back as it was stored.
	const cell = (field: ImportField) => {
		const column = mapping[field];
		return column === undefined ? '' : unescapeFormula(cells[column] ?? '');
	};
	const email = oneLine(cell('email'));
	const name =
		oneLine(cell('name')) ||
		oneLine(nameFromParts(cell('firstName'), cell('lastName'))) ||
		oneLine(cell('company')) ||
		email;
	if (!name) return { ok: false, reason: 'No name or email' };
	const parsed = customerInput.safeParse({
		name,
		email,
		phone: oneLine(cell('phone')),
		address: cleanText(cell('address')),
		taxId: oneLine(cell('taxId')),
	});
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = String(issue?.path[0] ?? 'name') as ImportField;
		const value = oneLine(cell(field) || name);
		return { ok: false, reason: `${issue?.message ?? 'Invalid value'}: “${value.slice(0, 80)}”` };
	}
	const note = notes.safeParse(cell('notes'));
	if (!note.success) return { ok: false, reason: note.error.issues[0]?.message ?? 'Invalid notes' };
	const customer = {
		name: parsed.data.name,
		email: parsed.data.email,
		phone: parsed.data.phone,
		address: parsed.data.address ?? null,
		taxId: parsed.data.taxId ?? null,
		notes: note.data.trim() || null,
	};
	return { ok: true, customer: { ...customer, matchKey: importMatchKey(customer) } };
}

/** Why a mapping cannot start an import (none means it can). */
export function mappingProblem(mapping: ColumnMapping, columns: number): string | null {
	for (const field of IMPORT_FIELDS) {
		const column = mapping[field];
		if (column !== undefined && column >= columns)
			return `${IMPORT_FIELD_LABELS[field]}: the file has no column ${column + 1}`;
	}
	const named = ['name', 'firstName', 'lastName', 'company', 'email'] as const;
	if (!named.some((f) => mapping[f] !== undefined))
		return 'Choose the column with the customer’s name or email';
	return null;
}

export const duplicateInFileReason = (firstRow: number) =>
	`Same email as row ${firstRow} of this file (the first one is imported)`;
export const possibleDuplicateReason = (firstRow: number | null) =>
	firstRow === null
		? 'Possible duplicate: a customer with this name and phone (and no email) already exists'
		: `Possible duplicate of row ${firstRow} of this file (same name and phone, no email)`;
