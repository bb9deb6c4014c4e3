import { type Database, findBusiness, findCustomer, findInvoice } from '@rapport/db';
import { type InvoicePdfData, renderInvoicePdf } from '../documents/invoice-pdf.ts';
import { displayStatus, STATUS_LABELS, todayUtc } from '../domain/invoice-status.ts';
import { lineAmounts } from '../domain/money.ts';

/**
 * Everything the customer sees on an invoice, gathered once for every rendering of it: the
 * PDF download, the emailed attachment and the public page. Notes of the business are never
 * part of it.
 */
export async function loadInvoiceDocument(db: Database, businessId: string, invoiceId: string) {
	const invoice = await findInvoice(db, businessId, invoiceId);
	if (!invoice) return undefined;
	const [business, customer] = await Promise.all([
		findBusiness(db, businessId),
		findCustomer(db, businessId, invoice.customerId),
	]);
	if (!business || !customer) return undefined;
	const data: InvoicePdfData = {
		business: { name: business.name, email: business.email, address: business.address },
		customer: { name: customer.name, email: customer.email, phone: customer.phone },
		invoice: {
			number: invoice.number,
			issueDate: invoice.issueDate,
			dueDate: invoice.dueDate,
			currency: invoice.currency,
			statusLabel: STATUS_LABELS[displayStatus(invoice, todayUtc())],
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
	return data;
}

export async function renderInvoicePdfById(db: Database, businessId: string, invoiceId: string) {
	const data = await loadInvoiceDocument(db, businessId, invoiceId);
	return data && { number: data.invoice.number, pdf: await renderInvoicePdf(data) };
}
