import { describe, expect, it } from 'vitest';
import { invoiceEmailDefaults, invoiceEmailInput } from './invoice-email.ts';

describe('invoice email', () => {
	it('defaults to the customer, a subject naming the business and a dated message', () => {
		expect(
			invoiceEmailDefaults(
				{ number: 'INV-0007', totalMinor: 12050, currency: 'USD', dueDate: '2026-12-31' },
				{ name: 'Bloom & Co.' },
				{ email: 'ana@example.com' },
			),
		).toEqual({
			to: 'ana@example.com',
			subject: 'Invoice INV-0007 from Bloom & Co.',
			message:
				'Here is invoice INV-0007 for $120.50, due on December 31, 2026. The PDF is attached.',
		});
		expect(
			invoiceEmailDefaults(
				{ number: 'A', totalMinor: 0, currency: 'USD', dueDate: '2026-01-01' },
				{ name: 'B' },
				{ email: null },
			).to,
		).toBe('');
	});

	it('refuses a malformed address and CR/LF in the subject; keeps lines in the message', () => {
		expect(invoiceEmailInput.safeParse({ to: 'nope' }).success).toBe(false);
		expect(invoiceEmailInput.safeParse({ subject: 'Hi\r\nBcc: a@b.c' }).success).toBe(false);
		expect(invoiceEmailInput.safeParse({ subject: '   ' }).success).toBe(false);
		expect(invoiceEmailInput.parse({ to: ' a@example.com ', message: 'Hi\r\nthere' })).toEqual({
			to: 'a@example.com',
			message: 'Hi\nthere',
		});
		expect(invoiceEmailInput.parse({})).toEqual({});
	});
});
