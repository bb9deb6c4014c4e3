import {
	type Executor,
	findBusiness,
	findCustomer,
	findInvoice,
	type IssuedInvoiceSnapshot,
} from '@rapport/db';
import type { InvoicePdfData } from '../../documents/invoice-pdf.ts';
import { DEFAULT_LOCALE } from '../../domain/business.ts';
import {
	type DisplayStatus,
	displayStatus,
	isOverdue,
	statusLabel,
	todayIn,
} from '../../domain/invoice-status.ts';
import { DEFAULT_LANGUAGE, isLanguage } from '../../domain/language.ts';
import { lineAmounts } from '../../domain/money.ts';
import { balanceDue } from '../../domain/payment.ts';

type FoundInvoice = NonNullable<Awaited<ReturnType<typeof findInvoice>>>;
type FoundBusiness = NonNullable<Awaited<ReturnType<typeof findBusiness>>>;
type FoundCustomer = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

type DocumentBusiness = Pick<
	FoundBusiness,
	'name' | 'email' | 'address' | 'taxId' | 'language' | 'locale' | 'timeZone'
>;
type DocumentCustomer = Pick<FoundCustomer, 'name' | 'email' | 'phone' | 'address' | 'taxId'>;

export type InvoiceDocument = InvoicePdfData & { status: DisplayStatus };

/** What the document shows at issue, frozen into the invoice row (see issue.ts). */
export function issuedSnapshotOf(
	invoice: FoundInvoice,
	business: Omit<DocumentBusiness, 'timeZone'>,
	customer: DocumentCustomer,
): IssuedInvoiceSnapshot {
	return {
		version: 2,
		language: business.language,
		locale: business.locale,
		business: {
			name: business.name,
			email: business.email,
			address: business.address,
			taxId: business.taxId,
		},
		customer: {
			name: customer.name,
			email: customer.email,
			phone: customer.phone,
			address: customer.address,
			taxId: customer.taxId,
		},
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
 * invoice renders from its snapshot, so later edits of the business or the customer (its
 * language included) never change it; only its status (paid, void, overdue) and what was paid
 * against it are live, and overdue is decided on the business's calendar day. The business's
 * private notes are never part of it.
 */
export function invoiceDocumentFrom(
	invoice: FoundInvoice,
	business: DocumentBusiness,
	customer: DocumentCustomer,
	now = new Date(),
): InvoiceDocument {
	const today = todayIn(business.timeZone, now);
	const status = displayStatus(invoice, today);
	const shown =
		invoice.status !== 'draft' && invoice.issuedSnapshot
			? invoice.issuedSnapshot
			: issuedSnapshotOf(invoice, business, customer);
	// Version 1 snapshots predate languages and tax IDs: they were English, en-US, without them.
	const language = isLanguage(shown.language) ? shown.language : DEFAULT_LANGUAGE;
	return {
		status,
		language,
		locale: shown.locale ?? DEFAULT_LOCALE,
		business: { ...shown.business, taxId: shown.business.taxId ?? null },
		customer: {
			...shown.customer,
			address: shown.customer.address ?? null,
			taxId: shown.customer.taxId ?? null,
		},
		invoice: {
			...shown.invoice,
			statusLabel: statusLabel(invoice, today),
			statusKey: status,
			overdue: isOverdue(invoice, today),
			// The ledger keeps paid_on at the latest payment's date while the invoice is paid.
			paidAt: invoice.status === 'paid' ? invoice.paidOn : null,
		},
		items: shown.items.map((item) => ({ ...item, ...lineAmounts(item) })),
		totals: {
			...shown.totals,
			amountPaidMinor: invoice.paidMinor,
			// Nothing is due on a void invoice, whatever was paid before it was voided.
			balanceDueMinor: invoice.status === 'void' ? 0 : balanceDue(invoice),
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
