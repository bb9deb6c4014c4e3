import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { checkoutSessionEvent, signStripeEvent } from '@rapport/api/testing/stripe-events';
import pg from 'pg';
import { signUp } from './helpers.ts';

const eventOutcome = async (eventId: string) => {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		const { rows } = await client.query(
			'select outcome, reason from payment_events where event_id = $1',
			[eventId],
		);
		return rows[0] ?? null;
	} finally {
		await client.end();
	}
};

test('Settings → Payments connects Stripe, and its webhook URL verifies, queues and refuses', async ({
	page,
	request,
}) => {
	await signUp(page, 'Webhook Florist');
	await page.goto('/settings');
	const payments = page.getByRole('region', { name: 'Payments' });
	await expect(payments.getByText('Not connected')).toBeVisible();
	// The URL to enter in Stripe is there before connecting: Stripe shows the secret only after.
	const webhookUrl = await payments.getByLabel('Webhook URL').inputValue();
	expect(webhookUrl).toMatch(/^http:\/\/localhost:\d+\/api\/payments\/stripe\/[\w-]{32}$/);
	await expect(payments.getByText('checkout.session.async_payment_succeeded')).toBeVisible();

	// A publishable key and a bad webhook secret: told next to each field, nothing stored.
	await payments.getByLabel('Stripe secret key').fill('pk_test_abcdefghijklmnop');
	await payments.getByLabel('Stripe webhook secret').fill('secret');
	await payments.getByRole('button', { name: 'Connect Stripe' }).click();
	await expect(payments.getByText(/That is the publishable key/)).toBeVisible();
	await expect(payments.getByRole('alert').filter({ hasText: /starts with whsec_/ })).toBeVisible();
	await expect(payments.getByLabel('Stripe secret key')).toHaveAttribute('aria-invalid', 'true');

	const webhookSecret = `whsec_${randomBytes(24).toString('base64url')}`;
	await payments
		.getByLabel('Stripe secret key')
		.fill(`sk_test_${randomBytes(12).toString('hex')}4242`);
	await payments.getByLabel('Stripe webhook secret').fill(webhookSecret);
	await payments.getByRole('button', { name: 'Connect Stripe' }).click();
	await expect(page.getByText('Stripe connected')).toBeVisible();
	await expect(payments.getByText('Connected', { exact: true })).toBeVisible();
	await expect(payments.getByText('sk_test_…4242')).toBeVisible();
	await expect(payments.getByLabel('Stripe secret key')).toHaveValue('');
	await expect(payments.getByLabel('Webhook URL')).toHaveValue(webhookUrl);

	const post = (url: string, body: string, signature?: string) =>
		request.post(url, {
			data: body,
			headers: {
				'content-type': 'application/json; charset=utf-8',
				...(signature === undefined ? {} : { 'stripe-signature': signature }),
			},
		});
	const event = checkoutSessionEvent({ amountMinor: 1500, currency: 'usd' });
	const signed = signStripeEvent(event, webhookSecret);

	// Wrong secret, no signature, unknown URL, wrong method, too large.
	const forged = signStripeEvent(event, `whsec_${randomBytes(24).toString('base64url')}`);
	const bad = await post(webhookUrl, forged.rawBody, forged.signature);
	expect(bad.status()).toBe(400);
	expect(await bad.json()).toEqual({ error: expect.any(String) });
	expect((await post(webhookUrl, signed.rawBody)).status()).toBe(400);
	const unknown = webhookUrl.replace(/[\w-]{32}$/, 'x'.repeat(32));
	expect((await post(unknown, signed.rawBody, signed.signature)).status()).toBe(404);
	expect((await request.get(webhookUrl)).status()).toBe(405);
	const huge = JSON.stringify({ ...event, padding: 'x'.repeat(300 * 1024) });
	expect(
		(
			await post(webhookUrl, huge, signStripeEvent(JSON.parse(huge), webhookSecret).signature)
		).status(),
	).toBe(413);
	expect(await eventOutcome(event.id)).toBeNull();

	// Events that take no money are acknowledged and left alone.
	const expired = checkoutSessionEvent({ type: 'checkout.session.expired', amountMinor: 1500 });
	const skipped = signStripeEvent(expired, webhookSecret);
	const ignored = await post(webhookUrl, skipped.rawBody, skipped.signature);
	expect(ignored.status()).toBe(200);
	expect(await ignored.json()).toEqual({ received: true, ignored: true });

	// A signed payment is queued (200 once Redis holds it) and the worker settles it: this one
	// names no invoice of ours, so it is recorded as ignored and changes nothing.
	const good = await post(webhookUrl, signed.rawBody, signed.signature);
	expect(good.status()).toBe(200);
	expect(await good.json()).toEqual({ received: true });
	await expect
		.poll(() => eventOutcome(event.id), { timeout: 20_000 })
		.toEqual({ outcome: 'ignored', reason: 'The checkout belongs to another business' });

	// Disconnect asks first; afterwards the webhook URL is retired.
	await payments.getByRole('button', { name: 'Disconnect' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: 'Disconnect' }).click();
	await expect(page.getByText('Stripe disconnected')).toBeVisible();
	await expect(payments.getByText('Not connected')).toBeVisible();
	expect((await post(webhookUrl, signed.rawBody, signed.signature)).status()).toBe(404);
});
