import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeStripe } from './fake-stripe.ts';

const fake = await startFakeStripe();
afterAll(() => fake.close());

const port = Number(new URL(fake.url).port);
const client = (key: string) =>
	new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });

const params = {
	mode: 'payment',
	line_items: [
		{
			quantity: 1,
			price_data: {
				currency: 'eur',
				unit_amount: 10480,
				product_data: { name: 'Invoice INV-0001 from Fleurs' },
			},
		},
	],
	customer_email: 'zoe@example.test',
	metadata: { invoiceId: 'inv-1', businessId: 'biz-1' },
	payment_intent_data: { metadata: { invoiceId: 'inv-1' } },
	success_url: 'http://app.test/i/tok?payment=success',
	cancel_url: 'http://app.test/i/tok',
} satisfies Stripe.Checkout.SessionCreateParams;

describe('the fake Stripe', () => {
	it('answers the official SDK like Stripe: create, retrieve, and only with the same key', async () => {
		const stripe = client('sk_test_owner');
		const session = await stripe.checkout.sessions.create(params);
		expect(session).toMatchObject({
			object: 'checkout.session',
			amount_total: 10480,
			currency: 'eur',
			customer_email: 'zoe@example.test',
			metadata: { invoiceId: 'inv-1', businessId: 'biz-1' },
			payment_status: 'unpaid',
			status: 'open',
		});
		expect(session.id).toMatch(/^cs_test_/);
		expect(session.url).toBe(`${fake.url}/checkout/${session.id}`);
		expect((await stripe.checkout.sessions.retrieve(session.id)).id).toBe(session.id);
		await expect(client('sk_test_other').checkout.sessions.retrieve(session.id)).rejects.toThrow(
			/No such checkout.session/,
		);
		await expect(client('pk_live_nope').checkout.sessions.create(params)).rejects.toBeInstanceOf(
			Stripe.errors.StripeAuthenticationError,
		);

		const page = await fetch(session.url!);
		const html = await page.text();
		expect(html).toContain('Test checkout');
		expect(html).toContain('Invoice INV-0001 from Fleurs');
		expect(html).toContain('104.80 EUR');
	});

	it('refuses a bad request, and can fail or drop requests on demand', async () => {
		const stripe = client('sk_test_owner');
		await expect(
			stripe.checkout.sessions.create({
				...params,
				line_items: [
					{
						...params.line_items[0]!,
						price_data: { ...params.line_items[0]!.price_data, unit_amount: 0 },
					},
				],
			}),
		).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);

		fake.failNext(500);
		await expect(stripe.checkout.sessions.create(params)).rejects.toBeInstanceOf(
			Stripe.errors.StripeAPIError,
		);
		fake.setDown(true);
		await expect(stripe.checkout.sessions.create(params)).rejects.toBeInstanceOf(
			Stripe.errors.StripeConnectionError,
		);
		fake.setDown(false);
		expect((await stripe.checkout.sessions.create(params)).status).toBe('open');
	});

	it('signs checkout.session.completed events that Stripe itself verifies', async () => {
		const session = await client('sk_test_owner').checkout.sessions.create(params);
		const secret = 'whsec_fake_test_secret';
		const signed = fake.completedEvent(session.id, { secret });
		const event = Stripe.webhooks.constructEvent(signed.payload, signed.signature, secret);
		expect(event.id).toBe(signed.eventId);
		expect(event.type).toBe('checkout.session.completed');
		const paid = event.data.object as Stripe.Checkout.Session;
		expect(paid).toMatchObject({
			id: session.id,
			amount_total: 10480,
			payment_status: 'paid',
			metadata: { invoiceId: 'inv-1', businessId: 'biz-1' },
		});
		expect(() =>
			Stripe.webhooks.constructEvent(signed.payload, signed.signature, 'whsec_another'),
		).toThrow(Stripe.errors.StripeSignatureVerificationError);

		const delayed = fake.completedEvent(session.id, { secret, paymentStatus: 'unpaid' });
		const pending = Stripe.webhooks.constructEvent(delayed.payload, delayed.signature, secret);
		expect((pending.data.object as Stripe.Checkout.Session).payment_status).toBe('unpaid');
	});
});
