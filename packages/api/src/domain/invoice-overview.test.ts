import { describe, expect, it } from 'vitest';
import {
	INVOICE_OVERVIEW_STATUS_LABELS,
	INVOICE_OVERVIEW_STATUSES,
	invoiceOverviewFilters,
} from './invoice-overview.ts';

describe('invoice overview filters', () => {
	it('offers the statuses in the order and with the labels the page shows', () => {
		expect(INVOICE_OVERVIEW_STATUSES.map((s) => INVOICE_OVERVIEW_STATUS_LABELS[s])).toEqual([
			'Draft',
			'Sent',
			'Overdue',
			'Partially paid',
			'Paid',
			'Void',
		]);
	});

	it('takes known statuses, a customer id and a trimmed one-line search', () => {
		expect(
			invoiceOverviewFilters.parse({
				status: 'partially_paid',
				customerId: '0b6f8a57-3b0f-4c57-9a3e-0d9d1f7b7c11',
				search: '  INV-00 ',
			}),
		).toEqual({
			status: 'partially_paid',
			customerId: '0b6f8a57-3b0f-4c57-9a3e-0d9d1f7b7c11',
			search: 'INV-00',
		});
		expect(invoiceOverviewFilters.parse({})).toEqual({});
	});

	it('refuses what is not a filter, saying which', () => {
		const issue = (input: unknown) => invoiceOverviewFilters.safeParse(input).error?.issues[0];
		expect(issue({ status: 'unpaid' })?.message).toBe('Not an invoice status to filter by');
		expect(issue({ customerId: 'x' })?.message).toBe('Not a valid id');
		expect(issue({ search: 'a\r\nb' })?.message).toMatch(/single line/);
		expect(issue({ search: 'x'.repeat(51) })?.message).toMatch(/at most 50/);
	});
});
