import {
	type Database,
	findBusiness,
	findCustomer,
	findInvoice,
	findInvoiceByPublicToken,
	hasPaymentConnection,
} from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import { DEFAULT_LANGUAGE, isLanguage } from '../../domain/language.ts';
import { balanceDue } from '../../domain/payment.ts';
import { translatorFor } from '../../i18n/index.ts';
import { SecretDecryptionError } from '../../payments/secrets.ts';
import { loadPaymentCredentials } from './connection.ts';
import { type PaymentProvider, PaymentProviderUnavailableError } from './provider.ts';

/**
 * What Pay now leads to: the provider's checkout, or a reason the public page explains instead.
 * `paid`: nothing is due any more; `not_set_up`: the business takes no online payment;
 * `unavailable`: the provider could not be reached (or refused us) just now; `reason` is for the
 * log, never for the customer.
 */
export type CheckoutOutcome =
	| { outcome: 'checkout'; url: string }
	| { outcome: 'paid' }
	| { outcome: 'not_set_up' }
	| { outcome: 'unavailable'; reason: string };

export interface StartCheckoutDeps {
	db: Database;
	payments: {
		encryptionKey: Parameters<typeof loadPaymentCredentials>[0]['payments']['encryptionKey'];
		provider: PaymentProvider;
	};
	/** Public origin of the web app: where the checkout sends the customer back. */
	origin: string;
}

/**
 * Pay now on the public invoice page (and the email's link to it). The unguessable token is the
 * only key, as for the page itself: an unknown or revoked one (voiding revokes it) is not found.
 * The amount is the balance due read from the invoice row at this moment, and every click makes
 * a new checkout, so a payment recorded in between is never asked for twice. It does not depend
 * on the plan: money owed must stay collectable after a downgrade.
 */
export async function startCheckout(
	deps: StartCheckoutDeps,
	input: { token: string },
): Promise<CheckoutOutcome> {
	const found = await findInvoiceByPublicToken(deps.db, input.token);
	if (!found) throw new NotFoundError('Invoice');
	const { businessId } = found;
	const [invoice, business] = await Promise.all([
		findInvoice(deps.db, businessId, found.id),
		findBusiness(deps.db, businessId),
	]);
	if (!invoice || !business || invoice.status === 'void' || invoice.status === 'draft') {
		throw new NotFoundError('Invoice');
	}
	const amountMinor = balanceDue(invoice);
	if (invoice.status === 'paid' || amountMinor <= 0) return { outcome: 'paid' };

	let credentials: Awaited<ReturnType<typeof loadPaymentCredentials>>;
	try {
		credentials = await loadPaymentCredentials(deps, businessId);
	} catch (error) {
		// PAYMENTS_ENCRYPTION_KEY changed under the stored secrets: the owner must reconnect.
		if (error instanceof SecretDecryptionError) {
			return { outcome: 'unavailable', reason: 'The stored payment secrets cannot be decrypted' };
		}
		throw error;
	}
	if (!credentials) return { outcome: 'not_set_up' };

	const customer = await findCustomer(deps.db, businessId, invoice.customerId);
	const shown = invoice.issuedSnapshot;
	const language = isLanguage(shown?.language) ? shown.language : DEFAULT_LANGUAGE;
	const page = `${deps.origin.replace(/\/$/, '')}/i/${encodeURIComponent(input.token)}`;
	try {
		const checkout = await deps.payments.provider.createCheckout(
			{ secretKey: credentials.secretKey },
			{
				businessId,
				invoiceId: invoice.id,
				invoiceNumber: invoice.number,
				amountMinor,
				currency: invoice.currency,
				customerEmail: customer?.email ?? shown?.customer.email ?? null,
				description: translatorFor(language)('page.checkoutItem', {
					number: invoice.number,
					business: shown?.business.name ?? business.name,
				}),
				language,
				successUrl: `${page}?payment=success`,
				cancelUrl: page,
			},
		);
		return { outcome: 'checkout', url: checkout.url };
	} catch (error) {
		if (error instanceof PaymentProviderUnavailableError) {
			return { outcome: 'unavailable', reason: error.message };
		}
		throw error;
	}
}

/**
 * Whether the public page offers Pay now: the business takes online payment and something is
 * still due. The click decides again (startCheckout): this only chooses what the page shows.
 */
export async function payNowOffered(deps: { db: Database }, input: { token: string }) {
	const found = await findInvoiceByPublicToken(deps.db, input.token);
	if (!found) return false;
	const invoice = await findInvoice(deps.db, found.businessId, found.id);
	if (invoice?.status !== 'sent' || balanceDue(invoice) <= 0) return false;
	return hasPaymentConnection(deps.db, found.businessId);
}
