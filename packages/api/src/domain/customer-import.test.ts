import { describe, expect, it } from 'vitest';
import {
	decodeUtf8,
	detectDelimiter,
	importRow,
	looksLikeHeader,
	mappingProblem,
	nameFromParts,
	recognizeHeader,
	suggestMapping,
} from './customer-import.ts';

describe('header recognition', () => {
	it('knows the common names of each column', () => {
		expect(
			['Name', 'Full name', 'First Name', 'last_name', 'E-mail', 'Email address', 'Mobile'].map(
				recognizeHeader,
			),
		).toEqual(['name', 'name', 'firstName', 'lastName', 'email', 'email', 'phone']);
		expect(
			['Phone number', 'Address', 'Company', 'Tax ID', 'Notes', 'Favourite colour'].map(
				recognizeHeader,
			),
		).toEqual(['phone', 'address', 'company', 'taxId', 'notes', null]);
	});

	it('suggests the first column of each field', () => {
		expect(suggestMapping(['First name', 'Last name', 'Email', 'Email', 'Phone'])).toEqual({
			firstName: 0,
			lastName: 1,
			email: 2,
			phone: 4,
		});
	});

	it('takes a first row holding an email for data, not a header', () => {
		expect(looksLikeHeader(['Name', 'Email'])).toBe(true);
		expect(looksLikeHeader(['Ana Lima', 'ana@example.test'])).toBe(false);
	});
});

describe('delimiter detection', () => {
	it('finds ; and , outside quotes', () => {
		expect(detectDelimiter('Name;Email\nAna;ana@x.test\n')).toBe(';');
		expect(detectDelimiter('Name,Email\nAna,ana@x.test\n')).toBe(',');
		expect(detectDelimiter('"Lima, Ana";ana@x.test\n"Roe, Bo";bo@x.test')).toBe(';');
		expect(detectDelimiter('"a;b;c",x\n"d;e;f",y')).toBe(',');
	});

	it('ignores a BOM and defaults to ,', () => {
		expect(detectDelimiter('\uFEFFName;Email\n')).toBe(';');
		expect(detectDelimiter('Name\nAna\n')).toBe(',');
	});
});

describe('UTF-8', () => {
	it('decodes UTF-8 with or without BOM and refuses other encodings', () => {
		expect(decodeUtf8(new TextEncoder().encode('José'))).toBe('José');
		expect(decodeUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]))).toBe('\uFEFFA');
		// "José" in Windows-1252
		expect(decodeUtf8(Uint8Array.from([0x4a, 0x6f, 0x73, 0xe9]))).toBeNull();
	});
});

describe('a row becomes a customer', () => {
	const mapping = { firstName: 0, lastName: 1, email: 2, phone: 3, notes: 4 };

	it('joins first and last name', () => {
		expect(nameFromParts(' Ana ', 'Lima')).toBe('Ana Lima');
		expect(nameFromParts('', 'Lima')).toBe('Lima');
		const row = importRow(['Ana', 'Lima', ' Ana@Example.test ', '+1 555 0100', 'VIP'], mapping);
		expect(row).toEqual({
			ok: true,
			customer: {
				name: 'Ana Lima',
				email: 'Ana@Example.test',
				phone: '+1 555 0100',
				address: null,
				taxId: null,
				notes: 'VIP',
				matchKey: 'email:ana@example.test',
			},
		});
	});

	it('falls back to company, then email, for the name', () => {
		const m = { name: 0, company: 1, email: 2 };
		expect(importRow(['', 'Acme', ''], m)).toMatchObject({ ok: true, customer: { name: 'Acme' } });
		expect(importRow(['', '', 'bo@x.test'], m)).toMatchObject({
			ok: true,
			customer: { name: 'bo@x.test' },
		});
		expect(importRow(['', '', ''], m)).toEqual({ ok: false, reason: 'No name or email' });
	});

	it('matches rows without email by name and phone digits', () => {
		const row = importRow(['Ana', 'Lima', '', '(555) 01-00', ''], mapping);
		expect(row).toMatchObject({ ok: true, customer: { matchKey: 'name:ana lima|5550100' } });
	});

	it('rejects a bad email or phone with the reason and the value', () => {
		expect(importRow(['Ana', '', 'not-an-email', '', ''], mapping)).toEqual({
			ok: false,
			reason: 'Enter a valid email address: “not-an-email”',
		});
		expect(importRow(['Ana', '', '', 'call me', ''], mapping)).toMatchObject({ ok: false });
	});

	it('keeps formula-looking text as text', () => {
		const row = importRow(['=HYPERLINK("http://evil.test","x")', '', '', '', ''], { name: 0 });
		expect(row).toMatchObject({
			ok: true,
			customer: { name: '=HYPERLINK("http://evil.test","x")' },
		});
	});

	it('reads cells escaped by an export as they were stored', () => {
		const row = importRow(
			['\'=HYPERLINK("http://evil.test","x")', '', "'+tag@x.test", '+44 20 7946 0000', ''],
			{
				name: 0,
				email: 2,
				phone: 3,
			},
		);
		expect(row).toMatchObject({
			ok: true,
			customer: {
				name: '=HYPERLINK("http://evil.test","x")',
				email: '+tag@x.test',
				phone: '+44 20 7946 0000',
			},
		});
		expect(importRow(["'Bob", '', '', '', ''], { name: 0 })).toMatchObject({
			customer: { name: "'Bob" },
		});
	});

	it('needs a column for the name or email', () => {
		expect(mappingProblem({ phone: 0 }, 2)).toMatch(/name or email/);
		expect(mappingProblem({ email: 5 }, 2)).toMatch(/no column 6/);
		expect(mappingProblem({ email: 1 }, 2)).toBeNull();
	});
});
