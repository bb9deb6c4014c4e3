import {
	type Database,
	type Executor,
	findBusiness,
	findCustomer,
	findInvoice,
	INVOICE_ACTIVE_SEND_UNIQUE,
	isUniqueViolation,
	type lockInvoice,
} from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { type InvoiceEmailInput, invoiceEmailDefaults } from '../../domain/invoice-email.ts';
import { isLanguage } from '../../domain/language.ts';
import type { Actor } from '../actor.ts';
import { recordOutboundEmail } from '../outbound-email/queue.ts';

type LockedInvoice = NonNullable<Awaited<ReturnType<typeof lockInvoice>>>;

export const ALREADY_SENDING = 'This invoice is already being sent.';

/** The business and customer an invoice email is written from; NotFound when either is gone. */
export async function invoiceEmailParties(db: Executor, actor: Actor, customerId: string) {
	const [customer, business] = await Promise.all([
		findCustomer(db, actor.businessId, customerId),
		findBusiness(db, actor.businessId),
	]);
	if (!customer || !business) throw new NotFoundError('Customer');
	return { customer, business };
}

/** Where this send goes: the address typed in the dialog, else the customer's. */
export function invoiceRecipient(input: InvoiceEmailInput, customer: { email: string | null }) {
	const to = input.to || customer.email;
	if (!to) {
		throw new FieldValidationError({
			email: ['Add an email address to this customer before sending the invoice.'],
		});
	}
	return to;
}

/** The invoice email's outbox row (kind 'invoice'), written in the caller's transaction. */
export async function recordInvoiceEmail(
	trx: Executor,
	deps: { mail: { domain: string } },
	actor: Actor,
	invoice: LockedInvoice,
	parties: Awaited<ReturnType<typeof invoiceEmailParties>>,
	input: InvoiceEmailInput & { to: string },
) {
	const defaults = invoiceEmailDefaults(invoice, parties.business, parties.customer);
	return recordOutboundEmail(trx, actor, deps.mail, {
		kind: 'invoice',
		customerId: parties.customer.id,
		invoiceId: invoice.id,
		recipient: input.to,
		subject: input.subject || defaults.subject,
		body: input.message || defaults.message,
		inReplyTo: null,
	});
}

/** Two live sends of one invoice lost the race on the unique index: a conflict, not a 500. */
export function refuseSecondLiveSend(error: unknown): never {
	if (isUniqueViolation(error, INVOICE_ACTIVE_SEND_UNIQUE))
		throw new ConflictError(ALREADY_SENDING);
	throw error;
}

/** What the send dialog is prefilled with. */
export async function invoiceEmailDefaultsFor(
	deps: { db: Database },
	actor: Actor,
	input: { id: string },
) {
	const invoice = await findInvoice(deps.db, actor.businessId, input.id);
	if (!invoice) throw new NotFoundError('Invoice');
	const { business, customer } = await invoiceEmailParties(deps.db, actor, invoice.customerId);
	// Sending an issued invoice again: the email speaks the language its document was issued in.
	const issued = invoice.status === 'draft' ? null : invoice.issuedSnapshot;
	const language = isLanguage(issued?.language) ? issued.language : business.language;
	const locale = issued?.locale ?? business.locale;
	return invoiceEmailDefaults(invoice, { ...business, language, locale }, customer);
}
