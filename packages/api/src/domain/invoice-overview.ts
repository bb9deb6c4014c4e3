import type { InvoiceOverviewStatus } from '@rapport/db';
import { z } from 'zod';
import { recordId, singleLineText } from './text-input.ts';

/** The Invoices overview's status filter, in the order the page offers it (after All). */
export const INVOICE_OVERVIEW_STATUSES = [
	'draft',
	'sent',
	'overdue',
	'partially_paid',
	'paid',
	'void',
] as const satisfies readonly InvoiceOverviewStatus[];

export const INVOICE_OVERVIEW_STATUS_LABELS: Record<InvoiceOverviewStatus, string> = {
	draft: 'Draft',
	sent: 'Sent',
	overdue: 'Overdue',
	partially_paid: 'Partially paid',
	paid: 'Paid',
	void: 'Void',
};

export const INVOICE_NUMBER_SEARCH_MAX = 50;

/**
 * The overview's filters, as the API takes them and as the page reads them from its URL
 * (?status=…&customer=…&q=…): a bad value is a 400 that says which, never an empty list.
 */
export const invoiceOverviewFilters = z.object({
	status: z
		.enum(INVOICE_OVERVIEW_STATUSES, { error: 'Not an invoice status to filter by' })
		.optional(),
	customerId: recordId.optional(),
	search: singleLineText('Search', INVOICE_NUMBER_SEARCH_MAX).optional(),
});

export type InvoiceOverviewFilterInput = z.input<typeof invoiceOverviewFilters>;
