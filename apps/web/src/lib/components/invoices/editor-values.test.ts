import { describe, expect, it } from 'vitest';
import {
	type EditorValues,
	editorFieldValue,
	readLiveNumbers,
	shiftItemKeys,
	toCanonicalValues,
	toLocaleValues,
	unreadableTotalsMessage,
} from './editor-values.ts';

const values = (items: EditorValues['items']): EditorValues => ({
	number: 'INV-0001',
	issueDate: '2026-12-01',
	dueDate: '2026-12-31',
	notes: '',
	items,
});

describe('editor values in the business locale', () => {
	it('shows canonical numbers in the locale and reads them back', () => {
		const canonical = values([
			{ description: 'Coupe', quantity: '1.5', unitPrice: '120.50', taxRate: '20' },
		]);
		const shown = toLocaleValues(canonical, 'fr-FR');
		expect(shown.items[0]).toMatchObject({ quantity: '1,5', unitPrice: '120,50', taxRate: '20' });
		expect(toCanonicalValues(shown, 'fr-FR')).toEqual({ ok: true, values: canonical });
	});

	it('reads grouped French input typed with a plain space', () => {
		const typed = values([
			{ description: 'Travaux', quantity: '2', unitPrice: '1 234,56', taxRate: '5,5' },
		]);
		expect(toCanonicalValues(typed, 'fr-FR')).toMatchObject({
			ok: true,
			values: { items: [{ unitPrice: '1234.56', taxRate: '5.5' }] },
		});
	});

	it('names the locale format on every malformed number, leaving blanks to the server', () => {
		const typed = values([{ description: 'A', quantity: 'two', unitPrice: '19.99', taxRate: '' }]);
		expect(toCanonicalValues(typed, 'de-DE')).toEqual({
			ok: false,
			errors: {
				'items.0.quantity': ['Enter a quantity like 1 or 1,5 (up to 3 decimals)'],
				'items.0.unitPrice': ['Enter a price like 1.234,56'],
			},
		});
	});

	it('refuses more than 3 decimals on a quantity or a rate, in the locale format', () => {
		const typed = values([
			{ description: 'A', quantity: '1,2345', unitPrice: '10', taxRate: '8,8755' },
		]);
		expect(toCanonicalValues(typed, 'fr-FR')).toEqual({
			ok: false,
			errors: {
				'items.0.quantity': ['Enter a quantity like 1 or 1,5 (up to 3 decimals)'],
				'items.0.taxRate': ['Enter a tax rate like 20 or 8,875'],
			},
		});
	});

	it('keeps en-US input as it always was', () => {
		const typed = values([
			{ description: 'A', quantity: '1', unitPrice: '19.99', taxRate: '8.875' },
		]);
		expect(toCanonicalValues(typed, 'en-US')).toEqual({ ok: true, values: typed });
	});
});

describe('live checks while the invoice is typed', () => {
	const typed = values([
		{ description: 'Arch', quantity: '1', unitPrice: '100', taxRate: '0' },
		{ description: 'Ribbons', quantity: '1', unitPrice: '12..5', taxRate: '0' },
		{ description: 'Pins', quantity: '1', unitPrice: '0.125', taxRate: '' },
	]);

	it('names each unreadable number with the message a save would give', () => {
		expect(readLiveNumbers(typed, 'en-US', 'USD')).toEqual({
			'items.1.unitPrice': 'Enter a price like 1,234.56',
			'items.2.unitPrice': 'Use at most 2 decimals for USD',
		});
		expect(readLiveNumbers(typed, 'en-US', 'JPY')['items.0.unitPrice']).toBeUndefined();
	});

	it('says which line keeps the totals from showing', () => {
		const unreadable = readLiveNumbers(typed, 'en-US', 'USD');
		expect(unreadableTotalsMessage(typed, unreadable)).toBe(
			'Can’t total until the unit price in line 2 is fixed.',
		);
		expect(unreadableTotalsMessage(typed, {})).toBeNull();
	});

	it('finds the field behind an error key, or none', () => {
		expect(editorFieldValue(typed, 'number')).toBe('INV-0001');
		expect(editorFieldValue(typed, 'items.1.description')).toBe('Ribbons');
		expect(editorFieldValue(typed, 'items.7.description')).toBeUndefined();
		expect(editorFieldValue(typed, 'version')).toBeUndefined();
	});

	it('moves errors of later rows up when a row is removed', () => {
		const errors = {
			number: 'n',
			'items.0.unitPrice': 'a',
			'items.1.unitPrice': 'b',
			'items.2.taxRate': 'c',
		};
		expect(shiftItemKeys(errors, 1)).toEqual({
			number: 'n',
			'items.0.unitPrice': 'a',
			'items.1.taxRate': 'c',
		});
	});
});
