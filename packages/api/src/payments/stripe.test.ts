import { describe, expect, it } from 'vitest';
import { checkoutSessionEvent, signStripeEvent, testWebhookSecret } from '../testing/stripe-events.ts';
import {
	InvalidWebhookSignatureError,
	PaymentProviderUnavailableError,
} from '../use-cases/payments/provider.ts';
import { stripeProvider } from './stripe.ts';

const provider = stripeProvider();
const webhookSecret = testWebhookSecret();
const read = (event: object, secret = webhookSecret) =>
	provider.readWebhook({ webhookSecret }, signStripeEvent(event, secret));

describe('Stripe webhooks', () => {
	it('reads a paid checkout as a payment for the invoice in its metadata', () => {
		const created = new Date('2026-12-01T10:00:00Z');
		const event = checkoutSessionEvent({
			invoiceId: 'inv-1',
			businessId: 'biz-1',
			amountMinor: 15480,
			currency: 'eur',
			created,
		});
		expect(read(event)).toEqual({
			kind: 'payment',
			payment: {
				eventId: event.id,
				type: 'checkout.session.completed',
				providerId: event.data.object.id,
				invoiceId: 'inv-1',
				businessId: 'biz-1',
				amountMinor: 15480,
				currency: 'EUR',
				occurredAt: created.toISOString(),
			},
		});
	});

	it('waits for async_payment_succeeded when the checkout completed unpaid (SEPA)', () => {
		const sessionId = 'cs_test_sepa';
		const base = { sessionId, invoiceId: 'i', businessId: 'b', amountMinor: 100 };
		expect(read(checkoutSessionEvent({ ...base, paymentStatus: 'unpaid' }))).toMatchObject({
			kind: 'other',
			type: 'checkout.session.completed',
		});
		const later = read(
			checkoutSessionEvent({ ...base, type: 'checkout.session.async_payment_succeeded' }),
		);
		expect(later).toMatchObject({
			kind: 'payment',
			payment: { providerId: sessionId, type: 'checkout.session.async_payment_succeeded' },
		});
	});

	it('takes every other event as nothing to do', () => {
		for (const type of ['payment_intent.succeeded', 'checkout.session.expired', 'charge.refunded']) {
			const event = checkoutSessionEvent({ type, amountMinor: 100 });
			expect(read(event)).toEqual({ kind: 'other', eventId: event.id, type });
		}
	});

	it('a checkout without our metadata names no invoice', () => {
		const event = checkoutSessionEvent({ invoiceId: null, businessId: null, amountMinor: 100 });
		expect(read(event)).toMatchObject({ payment: { invoiceId: null, businessId: null } });
	});

	it('refuses a bad, missing or stale signature and an altered body', () => {
		const event = checkoutSessionEvent({ amountMinor: 100 });
		expect(() => read(event, testWebhookSecret())).toThrow(InvalidWebhookSignatureError);
		const signed = signStripeEvent(event, webhookSecret);
		for (const webhook of [
			{ rawBody: signed.rawBody, signature: null },
			{ rawBody: signed.rawBody, signature: '' },
			{ rawBody: signed.rawBody, signature: 'garbage' },
			{ rawBody: signed.rawBody.replace('100', '900'), signature: signed.signature },
		]) {
			expect(() => provider.readWebhook({ webhookSecret }, webhook)).toThrow(
				InvalidWebhookSignatureError,
			);
		}
		const old = signStripeEvent(event, webhookSecret);
		const stale = old.signature.replace(/t=\d+/, `t=${Math.floor(Date.now() / 1000) - 3600}`);
		expect(() =>
			provider.readWebhook({ webhookSecret }, { rawBody: old.rawBody, signature: stale }),
		).toThrow(InvalidWebhookSignatureError);
	});
});

describe('Stripe checkout', () => {
	it('an unreachable API is PaymentProviderUnavailableError', async () => {
		// Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
		const offline = stripeProvider({ apiUrl: 'http://127.0.0.1:9' });
		await expect(
			offline.createCheckout(
				{ secretKey: 'sk_test_unreachable' },
				{
					businessId: 'b',
					invoiceId: 'i',
					invoiceNumber: 'INV-0001',
					amountMinor: 100,
					currency: 'EUR',
					customerEmail: null,
					description: 'Invoice INV-0001',
					language: 'en',
					successUrl: 'http://localhost/ok',
					cancelUrl: 'http://localhost/cancel',
				},
			),
		).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
	});
});
