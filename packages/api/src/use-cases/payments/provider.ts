import type { PaymentProviderName } from '@rapport/db';

/**
 * A payment provider as the use cases see it: start a hosted checkout for an amount, and turn a
 * verified webhook into "payment of X for invoice Y". Stripe is one implementation
 * (payments/stripe.ts); a second provider is one more file with these two functions.
 */
export interface PaymentProvider {
	name: PaymentProviderName;
	createCheckout(credentials: { secretKey: string }, request: CheckoutRequest): Promise<Checkout>;
	/**
	 * Verifies the webhook's signature and reads it; throws InvalidWebhookSignatureError when the
	 * signature does not match (the endpoint answers 400 and records nothing).
	 */
	readWebhook(
		credentials: { webhookSecret: string },
		webhook: { rawBody: string; signature: string | null },
	): ProviderWebhookEvent;
}

export interface CheckoutRequest {
	businessId: string;
	invoiceId: string;
	invoiceNumber: string;
	/** The balance due at this moment: a checkout is created on each click, never reused. */
	amountMinor: number;
	currency: string;
	customerEmail: string | null;
	/** What the checkout page lists, e.g. "Invoice INV-0003 from Acme". */
	description: string;
	language: string;
	successUrl: string;
	cancelUrl: string;
}

export interface Checkout {
	id: string;
	url: string;
}

/** A verified event; only `payment` events change anything. */
export type ProviderWebhookEvent =
	| { kind: 'payment'; payment: ProviderPaymentEvent }
	| { kind: 'other'; eventId: string; type: string };

export interface ProviderPaymentEvent {
	eventId: string;
	type: string;
	/** The provider's id of what was paid (a Checkout Session): one payment per id, ever. */
	providerId: string;
	/** From the checkout's metadata; null when the event did not come from our checkout. */
	invoiceId: string | null;
	businessId: string | null;
	amountMinor: number;
	/** ISO 4217, upper case. */
	currency: string;
	/** When the provider says it happened (ISO 8601). */
	occurredAt: string;
}

export class InvalidWebhookSignatureError extends Error {
	constructor(message = 'The webhook signature does not match') {
		super(message);
		this.name = 'InvalidWebhookSignatureError';
	}
}

/** The provider could not be reached or refused the request: Pay now explains, nothing breaks. */
export class PaymentProviderUnavailableError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'PaymentProviderUnavailableError';
	}
}
