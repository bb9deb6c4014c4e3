import { type Executor, findBusiness, findCustomer, findInvoice } from '@rapport/db';
import type { InvoicePdfData } from '../../documents/invoice-pdf.ts';
import {
	type DisplayStatus,
	displayStatus,
	STATUS_LABELS,
	todayUtc,
} from '../../domain/invoice-status.ts';
import { lineAmounts } from '../../domain/money.ts';

type FoundInvoice = NonNullable<Awaited<ReturnType<typeof findInvoice>>>;
type FoundBusiness = NonNullable<Awaited<ReturnType<typeof findBusiness>>>;
type FoundCustomer = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

export type InvoiceDocument = InvoicePdfData & { status: DisplayStatus };

/**
 * Everything the customer sees on an invoice, gathered once for every rendering of it: the
 * dashboard view, the PDF download, the emailed attachment and the public page. The business's
 * private notes are never part of it.
 */
export function invoiceDocumentFrom(
	invoice: FoundInvoice,
	business: Pick<FoundBusiness, 'name' | 'email' | 'address'>,
	customer: Pick<FoundCustomer, 'name' | 'email' | 'phone'>,
): InvoiceDocument {
	const status = displayStatus(invoice, todayUtc());
	return {
		status,
		business: { name: business.name, email: business.email, address: business.address },
		customer: { name: customer.name, email: customer.email, phone: customer.phone },
		invoice: {
			number: invoice.number,
			issueDate: invoice.issueDate,
			dueDate: invoice.dueDate,
			currency: invoice.currency,
			statusLabel: STATUS_LABELS[status],
			paidAt: invoice.paidOn,
			notes: invoice.notes,
		},
		items: invoice.items.map((item) => ({ ...item, ...lineAmounts(item) })),
		totals: {
			subtotalMinor: invoice.subtotalMinor,
			taxMinor: invoice.taxMinor,
			totalMinor: invoice.totalMinor,
		},
	};
}

/** The invoice with its business and customer; undefined when any of them is not there. */
export async function findInvoiceWithParties(db: Executor, businessId: string, invoiceId: string) {
	const invoice = await findInvoice(db, businessId, invoiceId);
	if (!invoice) return undefined;
	const [business, customer] = await Promise.all([
		findBusiness(db, businessId),
		findCustomer(db, businessId, invoice.customerId),
	]);
	if (!business || !customer) return undefined;
	return { invoice, business, customer };
}

export async function loadInvoiceDocument(db: Executor, businessId: string, invoiceId: string) {
	const found = await findInvoiceWithParties(db, businessId, invoiceId);
	return found && invoiceDocumentFrom(found.invoice, found.business, found.customer);
}
