import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/** A webhook signing secret of the shape Stripe shows. */
export const testWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/**
 * A Checkout Session event as Stripe sends it (only the fields we read are realistic). The
 * session id defaults to a fresh one; pass the same to make two events of one checkout.
 */
export function checkoutSessionEvent(input: {
	type?: 'checkout.session.completed' | 'checkout.session.async_payment_succeeded' | string;
	eventId?: string;
	sessionId?: string;
	invoiceId?: string | null;
	businessId?: string | null;
	amountMinor: number;
	currency?: string;
	paymentStatus?: 'paid' | 'unpaid' | 'no_payment_required';
	created?: Date;
}) {
	const metadata: Record<string, string> = {};
	if (input.invoiceId) metadata.invoiceId = input.invoiceId;
	if (input.businessId) metadata.businessId = input.businessId;
	return {
		id: input.eventId ?? `evt_${randomBytes(12).toString('hex')}`,
		object: 'event',
		api_version: '2025-01-01',
		created: Math.floor((input.created ?? new Date()).getTime() / 1000),
		livemode: false,
		type: input.type ?? 'checkout.session.completed',
		data: {
			object: {
				id: input.sessionId ?? `cs_test_${randomBytes(12).toString('hex')}`,
				object: 'checkout.session',
				mode: 'payment',
				amount_total: input.amountMinor,
				currency: (input.currency ?? 'eur').toLowerCase(),
				payment_status: input.paymentStatus ?? 'paid',
				status: 'complete',
				metadata,
			},
		},
	};
}

/** The raw body and Stripe-Signature header of an event, signed offline. */
export function signStripeEvent(event: object, webhookSecret: string) {
	const rawBody = JSON.stringify(event);
	const signature = Stripe.webhooks.generateTestHeaderString({
		payload: rawBody,
		secret: webhookSecret,
	});
	return { rawBody, signature };
}
