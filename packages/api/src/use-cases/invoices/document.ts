import {
	type Executor,
	findBusiness,
	findCustomer,
	findInvoice,
	type IssuedInvoiceSnapshot,
} from '@rapport/db';
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

/** What the document shows at issue, frozen into the invoice row (see issue.ts). */
export function issuedSnapshotOf(
	invoice: FoundInvoice,
	business: Pick<FoundBusiness, 'name' | 'email' | 'address'>,
	customer: Pick<FoundCustomer, 'name' | 'email' | 'phone'>,
): IssuedInvoiceSnapshot {
	return {
		version: 1,
		business: { name: business.name, email: business.email, address: business.address },
		customer: { name: customer.name, email: customer.email, phone: customer.phone, address: null },
		invoice: {
			number: invoice.number,
			issueDate: invoice.issueDate,
			dueDate: invoice.dueDate,
			currency: invoice.currency,
			notes: invoice.notes,
		},
		items: invoice.items.map(({ description, quantity, unitPriceMinor, taxRate }) => ({
			description,
			quantity,
			unitPriceMinor,
			taxRate,
		})),
		totals: {
			subtotalMinor: invoice.subtotalMinor,
			taxMinor: invoice.taxMinor,
			totalMinor: invoice.totalMinor,
		},
	};
}

/**
 * Everything the customer sees on an invoice, gathered once for every rendering of it: the
 * dashboard view, the PDF download, the emailed attachment and the public page. An issued
 * invoice renders from its snapshot, so later edits of the business or the customer never change
 * it; only its status (paid, void, overdue) is live. The business's private notes are never part
 * of it.
 */
export function invoiceDocumentFrom(
	invoice: FoundInvoice,
	business: Pick<FoundBusiness, 'name' | 'email' | 'address'>,
	customer: Pick<FoundCustomer, 'name' | 'email' | 'phone'>,
): InvoiceDocument {
	const status = displayStatus(invoice, todayUtc());
	const shown =
		invoice.status !== 'draft' && invoice.issuedSnapshot
			? invoice.issuedSnapshot
			: issuedSnapshotOf(invoice, business, customer);
	const { address: _billTo, ...shownCustomer } = shown.customer;
	return {
		status,
		business: shown.business,
		customer: shownCustomer,
		invoice: {
			...shown.invoice,
			statusLabel: STATUS_LABELS[status],
			paidAt: invoice.paidOn,
		},
		items: shown.items.map((item) => ({ ...item, ...lineAmounts(item) })),
		totals: shown.totals,
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
