import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
	checkoutSessionEvent,
	signStripeEvent,
	testWebhookSecret,
} from '../testing/stripe-events.ts';
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
		for (const type of [
			'payment_intent.succeeded',
			'checkout.session.expired',
			'charge.refunded',
		]) {
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

const checkoutRequest = {
	businessId: 'b',
	invoiceId: 'i',
	invoiceNumber: 'INV-0001',
	amountMinor: 10480,
	currency: 'EUR',
	customerEmail: 'ada@example.test',
	description: 'Invoice INV-0001 from Acme',
	language: 'fr',
	successUrl: 'http://localhost/ok',
	cancelUrl: 'http://localhost/cancel',
};

describe('Stripe checkout', () => {
	it('creates a one-line payment session at STRIPE_API_URL', async () => {
		const seen: { path?: string; auth?: string; body?: URLSearchParams } = {};
		const server = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => {
				body += chunk;
			});
			req.on('end', () => {
				Object.assign(seen, {
					path: req.url,
					auth: req.headers.authorization,
					body: new URLSearchParams(body),
				});
				res.setHeader('content-type', 'application/json');
				res.end(
					JSON.stringify({
						id: 'cs_test_1',
						object: 'checkout.session',
						url: 'http://pay.test/cs_test_1',
					}),
				);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		try {
			const local = stripeProvider({ apiUrl: `http://127.0.0.1:${port}` });
			const checkout = await local.createCheckout({ secretKey: 'sk_test_abc' }, checkoutRequest);
			expect(checkout).toEqual({ id: 'cs_test_1', url: 'http://pay.test/cs_test_1' });
			expect(seen.path).toBe('/v1/checkout/sessions');
			expect(seen.auth).toBe('Bearer sk_test_abc');
			expect(Object.fromEntries(seen.body ?? [])).toMatchObject({
				mode: 'payment',
				'line_items[0][quantity]': '1',
				'line_items[0][price_data][currency]': 'eur',
				'line_items[0][price_data][unit_amount]': '10480',
				'line_items[0][price_data][product_data][name]': 'Invoice INV-0001 from Acme',
				customer_email: 'ada@example.test',
				'metadata[invoiceId]': 'i',
				'metadata[businessId]': 'b',
				'payment_intent_data[metadata][invoiceId]': 'i',
				'payment_intent_data[metadata][businessId]': 'b',
				success_url: 'http://localhost/ok',
				cancel_url: 'http://localhost/cancel',
				locale: 'fr',
			});
		} finally {
			server.close();
		}
	});

	it('an unreachable API is PaymentProviderUnavailableError', async () => {
		// Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
		const offline = stripeProvider({ apiUrl: 'http://127.0.0.1:9' });
		await expect(
			offline.createCheckout({ secretKey: 'sk_test_unreachable' }, checkoutRequest),
		).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
	});
});
