import { randomBytes } from 'node:crypto';
import { createTestCustomer } from '@rapport/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../domain/errors.ts';
import { todayUtc } from '../../domain/invoice-status.ts';
import { stripeProvider } from '../../payments/stripe.ts';
import { startFakeStripe } from '../../testing/fake-stripe.ts';
import { createTestInvoice, sendTestInvoice, useHarness } from '../../testing/harness.ts';
import { voidInvoice } from '../invoices/void.ts';
import { connectStripe } from './connection.ts';
import { recordPayment } from './record.ts';
import { payNowOffered, startCheckout } from './start-checkout.ts';

const { db, jobs, mail, signedIn } = useHarness();
const fake = await startFakeStripe();
afterAll(() => fake.close());

const encryptionKey = randomBytes(32).toString('base64');
const origin = 'https://app.rapport.test/';
const deps = {
	db,
	payments: { encryptionKey, provider: stripeProvider({ apiUrl: fake.url }) },
	origin,
};

const tokenOf = async (invoiceId: string) =>
	(
		await db
			.selectFrom('invoices')
			.select('publicToken')
			.where('id', '=', invoiceId)
			.executeTakeFirstOrThrow()
	).publicToken!;

/** An owner with a sent invoice of 50.00; connected to Stripe with a key of its own unless told. */
async function sentInvoice(options: { connected?: boolean; language?: 'en' | 'fr' } = {}) {
	const owner = await signedIn(options.language ? { language: options.language } : {});
	const actor = { businessId: owner.business.id, userId: owner.user.id };
	const secretKey = `sk_test_${randomBytes(12).toString('hex')}`;
	if (options.connected ?? true) {
		await connectStripe({ db, payments: { encryptionKey } }, actor, {
			secretKey,
			webhookSecret: `whsec_${randomBytes(24).toString('hex')}`,
		});
	}
	const customer = await createTestCustomer(db, owner.business.id, { email: 'zoe@example.test' });
	const { id } = await createTestInvoice({ db }, actor, customer.id);
	await sendTestInvoice({ db, jobs, mail }, actor, id);
	return { ...owner, actor, secretKey, invoiceId: id, token: await tokenOf(id) };
}

const sessionOf = (url: string) => {
	const id = url.slice(`${fake.url}/checkout/`.length);
	const session = fake.sessions.get(id);
	if (!session) throw new Error(`No checkout behind ${url}`);
	return session;
};

const pay = (invoiceId: string, amount: string) => ({
	invoiceId,
	amount,
	paidOn: todayUtc(),
	method: 'cash' as const,
});

describe('Pay now (startCheckout)', () => {
	it('asks for the balance due at the click, a new checkout each time', async () => {
		const { actor, business, invoiceId, token } = await sentInvoice();
		await recordPayment({ db }, actor, pay(invoiceId, '20.00'));

		const first = await startCheckout(deps, { token });
		if (first.outcome !== 'checkout') throw new Error(`no checkout: ${first.outcome}`);
		const session = sessionOf(first.url);
		expect(session).toMatchObject({
			amount_total: 3000,
			currency: 'usd',
			customer_email: 'zoe@example.test',
			metadata: { invoiceId, businessId: business.id },
			success_url: `https://app.rapport.test/i/${token}?payment=success`,
			cancel_url: `https://app.rapport.test/i/${token}`,
			description: `Invoice INV-0001 from ${business.name}`,
		});

		// Another payment lands in between: the next click asks only for what is left.
		await recordPayment({ db }, actor, pay(invoiceId, '5.50'));
		const second = await startCheckout(deps, { token });
		if (second.outcome !== 'checkout') throw new Error(`no checkout: ${second.outcome}`);
		expect(second.url).not.toBe(first.url);
		expect(sessionOf(second.url).amount_total).toBe(2450);
	});

	it('a paid invoice gets no checkout: the page says it is paid', async () => {
		const { actor, invoiceId, token } = await sentInvoice();
		expect(await payNowOffered({ db }, { token })).toBe(true);
		await recordPayment({ db }, actor, pay(invoiceId, '50.00'));
		const before = fake.requests.length;
		expect(await startCheckout(deps, { token })).toEqual({ outcome: 'paid' });
		expect(fake.requests.length).toBe(before);
		expect(await payNowOffered({ db }, { token })).toBe(false);
	});

	it('a business without Stripe offers no Pay now and the link explains', async () => {
		const { token } = await sentInvoice({ connected: false });
		expect(await payNowOffered({ db }, { token })).toBe(false);
		expect(await startCheckout(deps, { token })).toEqual({ outcome: 'not_set_up' });
	});

	it('Stripe unreachable or failing: an explanation, never an error page', async () => {
		const { token } = await sentInvoice();
		fake.setDown(true);
		try {
			expect(await startCheckout(deps, { token })).toMatchObject({ outcome: 'unavailable' });
		} finally {
			fake.setDown(false);
		}
		// The provider retries once: both attempts fail.
		fake.failNext(500, 2);
		expect(await startCheckout(deps, { token })).toMatchObject({ outcome: 'unavailable' });
		// And once Stripe answers again, so does Pay now.
		expect(await startCheckout(deps, { token })).toMatchObject({ outcome: 'checkout' });
	});

	it('secrets stored under another PAYMENTS_ENCRYPTION_KEY: an explanation', async () => {
		const { token } = await sentInvoice();
		const rotated = { ...deps, payments: { ...deps.payments, encryptionKey: randomBytes(32) } };
		expect(await startCheckout(rotated, { token })).toMatchObject({ outcome: 'unavailable' });
	});

	it("each invoice's checkout is made with its own business's key and metadata", async () => {
		const a = await sentInvoice();
		const b = await sentInvoice();
		const forB = await startCheckout(deps, { token: b.token });
		if (forB.outcome !== 'checkout') throw new Error(`no checkout: ${forB.outcome}`);
		const created = fake.requests.findLast((r) => r.method === 'POST');
		expect(created?.form['metadata[businessId]']).toBe(b.business.id);
		expect(created?.form['metadata[invoiceId]']).toBe(b.invoiceId);
		// Readable only with B's key, so it was created in B's Stripe account, not A's.
		const id = sessionOf(forB.url).id;
		const read = (key: string) =>
			fetch(`${fake.url}/v1/checkout/sessions/${id}`, {
				headers: { authorization: `Bearer ${key}` },
			});
		expect((await read(b.secretKey)).status).toBe(200);
		expect((await read(a.secretKey)).status).toBe(404);
	});

	it('unknown, malformed and revoked links are not found', async () => {
		const { actor, invoiceId, token } = await sentInvoice();
		for (const bad of ['nope', `${token}x`, randomBytes(24).toString('base64url')]) {
			await expect(startCheckout(deps, { token: bad })).rejects.toBeInstanceOf(NotFoundError);
			expect(await payNowOffered({ db }, { token: bad })).toBe(false);
		}
		await voidInvoice({ db }, actor, { id: invoiceId });
		await expect(startCheckout(deps, { token })).rejects.toBeInstanceOf(NotFoundError);
	});

	it('is written in the invoice language and works after a downgrade to Starter', async () => {
		const { business, token } = await sentInvoice({ language: 'fr' });
		await db
			.updateTable('businesses')
			.set({ plan: 'starter', trialEndsAt: null })
			.where('id', '=', business.id)
			.execute();
		const result = await startCheckout(deps, { token });
		if (result.outcome !== 'checkout') throw new Error(`no checkout: ${result.outcome}`);
		expect(sessionOf(result.url)).toMatchObject({
			description: `Facture INV-0001 de ${business.name}`,
			locale: 'fr',
		});
	});
});
