import Stripe from 'stripe';

export { STRIPE_WEBHOOK_EVENTS } from '../domain/payment-connection.ts';

import {
	type Checkout,
	type CheckoutRequest,
	InvalidWebhookSignatureError,
	type PaymentProvider,
	PaymentProviderUnavailableError,
	type ProviderWebhookEvent,
} from '../use-cases/payments/provider.ts';

// Clients are cheap but keep an HTTP agent each; a few recent businesses' are kept.
const CLIENTS_KEPT = 16;

export interface StripeProviderOptions {
	/** STRIPE_API_URL: another API host (a local fake in tests); Stripe's own when absent. */
	apiUrl?: string;
}

function connectionOf(apiUrl: string | undefined): Stripe.StripeConfig {
	if (!apiUrl) return {};
	const url = new URL(apiUrl);
	const protocol = url.protocol === 'http:' ? 'http' : 'https';
	return {
		host: url.hostname,
		port: url.port || (protocol === 'http' ? 80 : 443),
		protocol,
	};
}

const STRIPE_LOCALES = new Set(['de', 'en', 'es', 'fr', 'it', 'nl', 'pt', 'pl', 'sv']);

/** Stripe Checkout as a PaymentProvider (see use-cases/payments/provider.ts). */
export function stripeProvider(options: StripeProviderOptions = {}): PaymentProvider {
	const config: Stripe.StripeConfig = {
		...connectionOf(options.apiUrl),
		// A click on Pay now waits for this: fail soon and let the page explain.
		timeout: 15_000,
		maxNetworkRetries: 1,
		appInfo: { name: 'Rapport' },
	};
	const clients = new Map<string, Stripe>();
	const clientFor = (secretKey: string) => {
		let client = clients.get(secretKey);
		if (client) {
			clients.delete(secretKey);
		} else {
			client = new Stripe(secretKey, config);
			if (clients.size >= CLIENTS_KEPT) clients.delete(clients.keys().next().value as string);
		}
		clients.set(secretKey, client);
		return client;
	};

	return {
		name: 'stripe',

		async createCheckout(credentials, request: CheckoutRequest): Promise<Checkout> {
			const metadata = { invoiceId: request.invoiceId, businessId: request.businessId };
			const language = request.language.toLowerCase().split('-')[0] ?? '';
			let session: Stripe.Checkout.Session;
			try {
				session = await clientFor(credentials.secretKey).checkout.sessions.create({
					mode: 'payment',
					line_items: [
						{
							quantity: 1,
							price_data: {
								currency: request.currency.toLowerCase(),
								unit_amount: request.amountMinor,
								product_data: { name: request.description },
							},
						},
					],
					...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
					client_reference_id: request.invoiceId,
					metadata,
					payment_intent_data: { metadata },
					success_url: request.successUrl,
					cancel_url: request.cancelUrl,
					locale: STRIPE_LOCALES.has(language)
						? (language as Stripe.Checkout.SessionCreateParams.Locale)
						: 'auto',
				});
			} catch (error) {
				if (error instanceof Stripe.errors.StripeError) {
					throw new PaymentProviderUnavailableError(
						error instanceof Stripe.errors.StripeConnectionError
							? 'Stripe could not be reached'
							: `Stripe refused the checkout (${error.type})`,
						{ cause: error },
					);
				}
				throw error;
			}
			if (!session.url)
				throw new PaymentProviderUnavailableError('Stripe returned no checkout URL');
			return { id: session.id, url: session.url };
		},

		readWebhook(credentials, webhook): ProviderWebhookEvent {
			if (!webhook.signature) throw new InvalidWebhookSignatureError('No Stripe-Signature header');
			let event: Stripe.Event;
			try {
				event = Stripe.webhooks.constructEvent(
					webhook.rawBody,
					webhook.signature,
					credentials.webhookSecret,
				);
			} catch (error) {
				if (error instanceof Stripe.errors.StripeSignatureVerificationError)
					throw new InvalidWebhookSignatureError();
				throw new InvalidWebhookSignatureError('The body is not a Stripe event');
			}
			return webhookEventOf(event);
		},
	};
}

/**
 * Only a paid Checkout Session is money: `completed` with payment_status 'paid' (cards), or
 * `async_payment_succeeded` (delayed methods such as SEPA, whose `completed` is still 'unpaid').
 */
export function webhookEventOf(event: Stripe.Event): ProviderWebhookEvent {
	const other = { kind: 'other', eventId: event.id, type: event.type } as const;
	if (
		event.type !== 'checkout.session.completed' &&
		event.type !== 'checkout.session.async_payment_succeeded'
	)
		return other;
	const session = event.data.object;
	if (session.payment_status !== 'paid') return other;
	const metadata = session.metadata ?? {};
	return {
		kind: 'payment',
		payment: {
			eventId: event.id,
			type: event.type,
			providerId: session.id,
			invoiceId: metadata.invoiceId ?? null,
			businessId: metadata.businessId ?? null,
			amountMinor: session.amount_total ?? 0,
			currency: (session.currency ?? '').toUpperCase(),
			occurredAt: new Date(event.created * 1000).toISOString(),
		},
	};
}
