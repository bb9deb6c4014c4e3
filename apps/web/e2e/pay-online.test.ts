import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { checkoutCompletedEvent, type FakeCheckoutSession } from '@rapport/api/testing/fake-stripe';
import { addCustomer, mailTo, signUp, uniqueEmail } from './helpers.ts';

// The fake Stripe the web server's STRIPE_API_URL points at (see playwright.config.ts).
const fakeStripe = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173) + 3}`;

test('Pay now: the public page leads to Checkout, the signed webhook marks it Paid and emails a receipt', async ({
	page,
	browser,
}) => {
	test.setTimeout(60_000);
	await signUp(page, 'Pay Online Florist');
	const secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
	const webhookSecret = `whsec_${randomBytes(24).toString('hex')}`;

	// Settings → Payments: paste the two secrets; the webhook URL to give Stripe is shown.
	await page.goto('/settings');
	await page.getByLabel('Stripe secret key').fill(secretKey);
	await page.getByLabel('Stripe webhook secret').fill(webhookSecret);
	await page.getByRole('button', { name: 'Connect Stripe' }).click();
	await expect(page.getByText('Connected', { exact: true })).toBeVisible();
	const webhookField = page.getByRole('textbox', { name: 'Webhook URL' });
	await expect(webhookField).toHaveValue(
		/^http:\/\/localhost:\d+\/api\/payments\/stripe\/[\w-]{24,}$/,
	);
	const webhookUrl = await webhookField.inputValue();

	const email = uniqueEmail('payer');
	const id = await addCustomer(page, { name: 'Ada Lovelace', email });
	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByLabel('Description').first().fill('Wedding flowers');
	await page.getByLabel('Unit price').first().fill('154.80');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	await page.getByRole('button', { name: 'Send invoice' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('delivery-status')).toContainText(`Emailed to ${email}`, {
		timeout: 20_000,
	});

	// The email offers Pay now next to the invoice link.
	const [invoiceMail] = await mailTo(email);
	const link = /http:\/\/localhost:\d+\/i\/[\w-]+/.exec(invoiceMail?.text ?? '')?.[0];
	expect(link).toBeTruthy();
	expect(invoiceMail?.text).toContain(`Pay online: ${link}/pay`);
	expect(invoiceMail?.html).toContain(`href="${link}/pay"`);

	// The customer, signed out, clicks Pay now and lands on the (fake) Stripe Checkout.
	const customer = await browser.newPage();
	await customer.goto(link!);
	await customer.getByRole('link', { name: 'Pay now' }).click();
	await expect(customer).toHaveURL(new RegExp(`^${fakeStripe}/checkout/cs_test_\\w+$`));
	await expect(customer.getByRole('heading', { name: 'Test checkout' })).toBeVisible();
	await expect(customer.getByTestId('checkout-amount')).toHaveText('154.80 USD');
	const sessionId = customer.url().split('/').pop()!;

	// Back from the checkout before Stripe's webhook: thanked, not yet told it is Paid.
	await customer.getByRole('link', { name: 'Pay' }).click();
	await expect(customer).toHaveURL(`${link}?payment=success`);
	await expect(customer.getByTestId('payment-received')).toBeVisible();
	await expect(customer.getByRole('link', { name: 'Pay now' })).toHaveCount(0);
	await expect(customer.getByText('This invoice has been paid. Thank you!')).toHaveCount(0);

	// Stripe's signed checkout.session.completed reaches the business's webhook URL.
	const session = (await (
		await fetch(`${fakeStripe}/v1/checkout/sessions/${sessionId}`, {
			headers: { authorization: `Bearer ${secretKey}` },
		})
	).json()) as FakeCheckoutSession;
	expect(session.amount_total).toBe(15480);
	const unsigned = await page.request.post(webhookUrl, {
		data: '{"id":"evt_forged"}',
		headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
	});
	expect(unsigned.status()).toBe(400);
	const signed = checkoutCompletedEvent(session, { secret: webhookSecret });
	const delivered = await page.request.post(webhookUrl, {
		data: signed.payload,
		headers: { 'content-type': 'application/json', 'stripe-signature': signed.signature },
	});
	expect(delivered.status()).toBe(200);

	// The page looks again by itself and shows Paid once the payment is recorded.
	await expect(customer.getByText('This invoice has been paid. Thank you!')).toBeVisible({
		timeout: 20_000,
	});
	await expect
		.poll(async () => (await mailTo(email)).map((m) => m.subject), { timeout: 20_000 })
		.toContain('Payment received for invoice INV-0001');
	const receipt = (await mailTo(email)).find((m) => m.subject.startsWith('Payment received'));
	expect(receipt?.text).toContain('$154.80');

	// The email's Pay now, followed late, explains instead of charging again.
	await customer.goto(`${link}/pay`);
	await expect(customer).toHaveURL(`${link}?payment=paid`);
	await expect(customer.getByText('This invoice has already been paid')).toBeVisible();
	await expect(customer.getByRole('link', { name: 'Pay now' })).toHaveCount(0);

	// The owner's view agrees.
	await page.reload();
	await expect(page.getByText('Paid', { exact: true }).first()).toBeVisible();
});

test('without Stripe connected there is no Pay now; an old Pay now link explains', async ({
	page,
	browser,
}) => {
	await signUp(page, 'Cash Only Florist');
	const email = uniqueEmail('customer');
	const id = await addCustomer(page, { name: 'Grace Hopper', email });
	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByLabel('Description').first().fill('Roses');
	await page.getByLabel('Unit price').first().fill('12');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await page.getByRole('button', { name: 'Send invoice' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('delivery-status')).toContainText(`Emailed to ${email}`, {
		timeout: 20_000,
	});
	const [mail] = await mailTo(email);
	expect(mail?.text).not.toContain('/pay');
	const link = /http:\/\/localhost:\d+\/i\/[\w-]+/.exec(mail?.text ?? '')?.[0];

	const customer = await browser.newPage();
	await customer.goto(link!);
	await expect(customer.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	await expect(customer.getByRole('link', { name: 'Pay now' })).toHaveCount(0);
	await customer.goto(`${link}/pay`);
	await expect(customer).toHaveURL(`${link}?payment=not-set-up`);
	await expect(customer.getByTestId('payment-notice')).toHaveText(
		'Online payment is not set up for this invoice. Reply to the invoice email to arrange payment.',
	);
	const gone = await customer.request.get(`${link}x/pay`, { maxRedirects: 0 });
	expect(gone.status()).toBe(404);
});
