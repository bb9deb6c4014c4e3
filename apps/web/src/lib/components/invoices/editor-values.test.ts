import { describe, expect, it } from 'vitest';
import { type EditorValues, toCanonicalValues, toLocaleValues } from './editor-values.ts';

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
