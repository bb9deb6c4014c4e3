import {
	type Database,
	findBusiness,
	findCustomer,
	findInvoice,
	findInvoiceByPublicToken,
	recordInvoiceViewed,
} from '@rapport/db';
import { type InvoicePdfData, renderInvoicePdf } from '../documents/invoice-pdf.ts';
import {
	type DisplayStatus,
	displayStatus,
	STATUS_LABELS,
	todayUtc,
} from '../domain/invoice-status.ts';
import { lineAmounts } from '../domain/money.ts';

/**
 * Everything the customer sees on an invoice, gathered once for every rendering of it: the
 * PDF download, the emailed attachment and the public page. Notes of the business are never
 * part of it.
 */
type FoundInvoice = NonNullable<Awaited<ReturnType<typeof findInvoice>>>;
type FoundBusiness = NonNullable<Awaited<ReturnType<typeof findBusiness>>>;
type FoundCustomer = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

export type InvoiceDocument = InvoicePdfData & { status: DisplayStatus };

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

/**
 * Everything the customer sees on an invoice, gathered once for every rendering of it: the
 * dashboard view, the PDF download, the emailed attachment and the public page. The business's
 * private notes are never part of it.
 */
export async function loadInvoiceDocument(db: Database, businessId: string, invoiceId: string) {
	const invoice = await findInvoice(db, businessId, invoiceId);
	if (!invoice) return undefined;
	const [business, customer] = await Promise.all([
		findBusiness(db, businessId),
		findCustomer(db, businessId, invoice.customerId),
	]);
	if (!business || !customer) return undefined;
	return invoiceDocumentFrom(invoice, business, customer);
}

export async function renderInvoicePdfById(db: Database, businessId: string, invoiceId: string) {
	const data = await loadInvoiceDocument(db, businessId, invoiceId);
	return data && { number: data.invoice.number, pdf: await renderInvoicePdf(data) };
}

/**
 * The customer's view through the public link: the document plus its display status, or
 * undefined for unknown or revoked tokens. The first view is recorded ("Viewed" on the invoice).
 */
export async function openPublicInvoice(
	db: Database,
	token: string,
	opts: { recordView: boolean },
) {
	const found = await findInvoiceByPublicToken(db, token);
	if (!found) return undefined;
	const document = await loadInvoiceDocument(db, found.businessId, found.id);
	if (!document) return undefined;
	if (opts.recordView && !found.viewedAt) await recordInvoiceViewed(db, found.id);
	return document;
}
