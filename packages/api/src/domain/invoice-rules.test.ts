import { describe, expect, it } from 'vitest';
import { defaultDueDate, invoiceInput, priceInvoice } from './invoice.ts';
import { counterAfter, formatInvoiceNumber, parseInvoiceSequence } from './invoice-number.ts';
import { canPerform, displayStatus, refusalReason } from './invoice-status.ts';

describe('invoice numbering', () => {
	it('formats with the prefix and four-digit padding', () => {
		expect(formatInvoiceNumber('INV-', 1)).toBe('INV-0001');
		expect(formatInvoiceNumber('', 42)).toBe('0042');
		expect(formatInvoiceNumber('INV-', 12345)).toBe('INV-12345');
	});

	it('reads the sequence of numbers that follow the pattern', () => {
		expect(parseInvoiceSequence('INV-', 'INV-0042')).toBe(42);
		expect(parseInvoiceSequence('INV-', 'INV-42a')).toBeNull();
		expect(parseInvoiceSequence('INV-', '2026/7')).toBeNull();
	});

	it('moves the counter past hand-typed numbers ahead of it, never backwards', () => {
		expect(counterAfter('INV-', 5, 'INV-0010')).toBe(11);
		expect(counterAfter('INV-', 5, 'INV-0003')).toBe(5);
		expect(counterAfter('INV-', 5, 'SPECIAL-1')).toBe(5);
	});
});

describe('invoice status rules', () => {
	it('derives Overdue for sent invoices past their due date only', () => {
		expect(displayStatus({ status: 'sent', dueDate: '2026-11-27' }, '2026-11-28')).toBe('overdue');
		expect(displayStatus({ status: 'sent', dueDate: '2026-11-28' }, '2026-11-28')).toBe('sent');
		expect(displayStatus({ status: 'paid', dueDate: '2026-01-01' }, '2026-11-28')).toBe('paid');
		expect(displayStatus({ status: 'draft', dueDate: '2026-01-01' }, '2026-11-28')).toBe('draft');
	});

	it('edits and deletes drafts only; pays drafts and sent; voids sent only', () => {
		expect(canPerform('edit', 'draft')).toBe(true);
		for (const s of ['sent', 'paid', 'void'] as const) expect(canPerform('edit', s)).toBe(false);
		expect(canPerform('delete', 'sent')).toBe(false);
		expect(canPerform('markPaid', 'draft')).toBe(true);
		expect(canPerform('markPaid', 'sent')).toBe(true);
		expect(canPerform('markPaid', 'void')).toBe(false);
		expect(canPerform('void', 'sent')).toBe(true);
		expect(canPerform('void', 'paid')).toBe(false);
	});

	it('explains every refusal', () => {
		expect(refusalReason('edit', 'paid')).toMatch(/paid invoice cannot be edited/);
		expect(refusalReason('markPaid', 'void')).toMatch(/void invoice cannot be paid/);
		expect(refusalReason('delete', 'sent')).toMatch(/Void it instead/);
		expect(refusalReason('edit', 'draft')).toBeNull();
	});
});

describe('invoice input', () => {
	const valid = {
		issueDate: '2026-11-28',
		dueDate: '2026-12-12',
		items: [{ description: 'Bouquet', quantity: '1.5', unitPrice: '80.00', taxRate: '0' }],
	};

	it('accepts a valid invoice and defaults optional fields', () => {
		expect(invoiceInput.parse(valid)).toMatchObject({ number: '', notes: null });
	});

	it.each([
		[
			{ ...valid, dueDate: '2026-11-01' },
			'dueDate',
			'The due date cannot be before the issue date',
		],
		[
			{ ...valid, issueDate: '2026-02-30' },
			'issueDate',
			'Enter a real calendar date for the issue date',
		],
		[{ ...valid, items: [] }, 'items', 'Add at least one item'],
		[
			{ ...valid, items: [{ ...valid.items[0], quantity: '-1' }] },
			'items.0.quantity',
			'Quantity must be more than 0',
		],
		[
			{ ...valid, items: [{ ...valid.items[0], quantity: '1.2345' }] },
			'items.0.quantity',
			'Enter a quantity like 1 or 1.5 (up to 3 decimals)',
		],
		[
			{ ...valid, items: [{ ...valid.items[0], quantity: '1000000' }] },
			'items.0.quantity',
			'Quantity must be at most 100,000',
		],
		[
			{ ...valid, items: [{ ...valid.items[0], unitPrice: '-5' }] },
			'items.0.unitPrice',
			'Price cannot be negative',
		],
		[
			{ ...valid, items: [{ ...valid.items[0], unitPrice: 'abc' }] },
			'items.0.unitPrice',
			'Enter a price like 19.99',
		],
		[
			{ ...valid, items: [{ ...valid.items[0], taxRate: '101' }] },
			'items.0.taxRate',
			'Tax rate must be between 0 and 100 %',
		],
		[
			{ ...valid, items: [{ ...valid.items[0], description: ' ' }] },
			'items.0.description',
			'Describe the item',
		],
		[
			{ ...valid, items: Array(101).fill(valid.items[0]) },
			'items',
			'An invoice can have up to 100 items',
		],
	])('refuses %# with a message on %s', (input, path, message) => {
		const result = invoiceInput.safeParse(input);
		expect(result.success).toBe(false);
		expect(result.error?.issues.find((i) => i.path.join('.') === path)?.message).toBe(message);
	});

	it('prices lines in the business currency and refuses too many decimals for it', () => {
		const items = invoiceInput.parse({
			...valid,
			items: [
				{ description: 'A', quantity: '1.5', unitPrice: '80.00' },
				{ description: 'B', quantity: '2', unitPrice: '19.99' },
			],
		}).items;
		expect(priceInvoice(items, 'USD')).toMatchObject({ subtotalMinor: 15998, totalMinor: 15998 });
		expect(() => priceInvoice(items, 'JPY')).toThrow(/JPY prices have no decimals/);
	});

	it('computes the due date from payment terms', () => {
		expect(defaultDueDate('2026-11-28', 14)).toBe('2026-12-12');
		expect(defaultDueDate('2026-12-31', 1)).toBe('2027-01-01');
	});
});
