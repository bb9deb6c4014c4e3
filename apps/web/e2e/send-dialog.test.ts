import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { addCustomer, mailTo, signUp, uniqueEmail } from './helpers.ts';

async function draftInvoice(page: Page, customer: { name: string; email?: string }) {
	await signUp(page);
	const id = await addCustomer(page, customer);
	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByLabel('Description').first().fill('Wedding bouquet');
	await page.getByLabel('Unit price').first().fill('120');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	return /invoices\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
}

async function mailFor(address: string) {
	let mail: Awaited<ReturnType<typeof mailTo>>[number] | undefined;
	await expect
		.poll(
			async () => {
				mail = (await mailTo(address))[0];
				return mail?.subject;
			},
			{ timeout: 20_000 },
		)
		.toBeTruthy();
	return mail!;
}

test('the send dialog is prefilled and editable; the email goes to the address typed for this send', async ({
	page,
}) => {
	const saved = uniqueEmail('saved');
	const typed = uniqueEmail('typed');
	await draftInvoice(page, { name: 'Ada Lovelace', email: saved });

	await page.getByRole('button', { name: 'Send invoice' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByLabel('To')).toHaveValue(saved);
	await expect(dialog.getByLabel('Subject')).toHaveValue('Invoice INV-0001 from Test Florist');
	await expect(dialog.getByLabel('Message')).toHaveValue(/INV-0001/);
	const preview = dialog.getByRole('link', { name: /Preview PDF/ });
	await expect(preview).toHaveAttribute('target', '_blank');
	const pdf = await page.request.get((await preview.getAttribute('href'))!);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect(pdf.headers()['content-disposition']).toMatch(/^inline;/);

	await dialog.getByLabel('To').fill(typed);
	await dialog.getByLabel('Subject').fill('Your bouquet invoice');
	// Enter in a one-line field does not send; Enter in the message is a new line.
	await dialog.getByLabel('Subject').press('Enter');
	await dialog.getByLabel('Message').fill('Thank you!');
	await dialog.getByLabel('Message').press('Enter');
	await dialog.getByLabel('Message').pressSequentially('See you soon.');
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(dialog).toHaveCount(0);

	await expect(page.getByTestId('delivery-status')).toContainText(`Emailed to ${typed}`, {
		timeout: 20_000,
	});
	// Status and delivery are two facts, both shown.
	await expect(page.getByText('Sent', { exact: true })).toBeVisible();
	const mail = await mailFor(typed);
	expect(mail.subject).toBe('Your bouquet invoice');
	expect(mail.text).toContain('Thank you!\nSee you soon.');
	expect(await mailTo(saved)).toEqual([]);
});

test('issue without sending and copy the link for a customer without an email', async ({
	page,
	context,
	browser,
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await draftInvoice(page, { name: 'Walk-in' });

	// Send is refused with the reason; Escape closes the dialog.
	await page.getByRole('button', { name: 'Send invoice' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByText(/Add an email address to this customer/)).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);

	await page.getByRole('button', { name: 'Issue without sending' }).click();
	await expect(page.getByText('Sent', { exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
	await expect(page.getByTestId('delivery-status')).toHaveCount(0);
	const shown = await page.getByTestId('public-link').textContent();
	expect(shown).toMatch(/^http:\/\/localhost:\d+\/i\/[\w-]+$/);

	await page.getByRole('button', { name: 'Copy link' }).click();
	await expect(page.getByText('Link copied')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);

	const customer = await browser.newPage();
	await customer.goto(shown!);
	await expect(customer.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	await customer.close();
});

test('send again emails an issued invoice to a corrected address', async ({ page }) => {
	const wrong = uniqueEmail('wrong');
	const right = uniqueEmail('right');
	await draftInvoice(page, { name: 'Grace Hopper', email: wrong });
	await page.getByRole('button', { name: 'Send invoice' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('delivery-status')).toContainText(`Emailed to ${wrong}`, {
		timeout: 20_000,
	});

	await page.getByRole('button', { name: 'Send again' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByLabel('To')).toHaveValue(wrong);
	await dialog.getByLabel('To').fill(right);
	await dialog.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('delivery-status')).toContainText(`Emailed to ${right}`, {
		timeout: 20_000,
	});
	expect((await mailFor(right)).subject).toContain('INV-0001');
	expect(await mailTo(wrong)).toHaveLength(1);
	await expect(page.getByText('Sent', { exact: true })).toBeVisible();

	// Both emails are on the Messages tab with the due date written out, each linking back.
	await page.getByRole('tab', { name: 'Messages' }).click();
	const emails = page.getByTestId('message').filter({ hasText: 'Here is invoice INV-0001' });
	await expect(emails).toHaveCount(2);
	await expect(emails.first()).toContainText(/due on [A-Z][a-z]+ \d{1,2}, \d{4}\./);
	await expect(emails.first()).not.toContainText(/\d{4}-\d{2}-\d{2}/);
	await emails.last().getByRole('link', { name: 'View invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
});

test('a malformed To and CRLF in the subject are refused next to the field', async ({ page }) => {
	const email = uniqueEmail('crlf');
	await draftInvoice(page, { name: 'Eve', email });
	// At phone width the dialog is a full-width sheet that fits the screen.
	await page.setViewportSize({ width: 360, height: 740 });
	await page.getByRole('button', { name: 'Send invoice' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByLabel('To')).toHaveValue(email);
	const box = (await dialog.boundingBox())!;
	expect(box.x).toBeGreaterThanOrEqual(0);
	expect(box.x + box.width).toBeLessThanOrEqual(360);
	expect(box.width).toBeGreaterThan(340);
	const sendBox = (await dialog.getByRole('button', { name: 'Send', exact: true }).boundingBox())!;
	expect(sendBox.x + sendBox.width).toBeLessThanOrEqual(360);

	await dialog.getByLabel('To').fill('not an address');
	await dialog.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(dialog.getByText('Enter a valid email address')).toBeVisible();
	await expect(dialog.getByLabel('To')).toHaveAttribute('aria-invalid', 'true');

	// A one-line field drops line breaks as they are typed, so the header cannot be split…
	await dialog.getByLabel('To').fill(email);
	await dialog.getByLabel('Subject').fill('Invoice\r\nBcc: victim@example.test');
	await expect(dialog.getByLabel('Subject')).toHaveValue(/^[^\r\n]+$/);
	// …and a request that carries them anyway (a script, a proxy) is refused next to the Subject.
	await page.route('**/api/trpc/invoices.send?**', (route) => {
		const body = route.request().postDataJSON() as Record<string, { json: { subject: string } }>;
		for (const call of Object.values(body))
			call.json.subject = 'Invoice\r\nBcc: victim@example.test';
		return route.continue({ postData: JSON.stringify(body) });
	});
	await dialog.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(dialog.getByLabel('Subject')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#send-subject-error')).toBeVisible();
	await expect(dialog.getByLabel('To')).not.toHaveAttribute('aria-invalid', 'true');
	await page.unroute('**/api/trpc/invoices.send?**');

	await page.keyboard.press('Escape');
	await expect(page.getByText('Draft', { exact: true })).toBeVisible();
	expect(await mailTo('victim@example.test')).toEqual([]);
});

async function setDelivery(invoiceId: string, state: 'failed' | 'uncertain', error: string) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		await client.query(
			`update messages set delivery_state = $2, delivery_error = $3, sent_at = null
			 where id = (select id from messages where invoice_id = $1 order by created_at desc limit 1)`,
			[invoiceId, state, error],
		);
	} finally {
		await client.end();
	}
}

test('delivery is shown beside the status: not delivered with Retry and Copy link, uncertain explained', async ({
	page,
}) => {
	const email = uniqueEmail('bounce');
	const invoiceId = await draftInvoice(page, { name: 'Linus', email });
	await page.getByRole('button', { name: 'Send invoice' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
	const delivery = page.getByTestId('delivery-status');
	await expect(delivery).toContainText(`Emailed to ${email}`, { timeout: 20_000 });

	// The worker's outcome, as the mail server would have given it.
	await setDelivery(invoiceId, 'failed', '550 No such user here');
	await page.reload();
	await expect(delivery).toContainText('Not delivered: 550 No such user here');
	await expect(page.getByText('Sent', { exact: true })).toBeVisible();
	await expect(delivery.getByRole('button', { name: 'Copy link' })).toBeVisible();
	await delivery.getByRole('button', { name: 'Retry' }).click();
	await expect(delivery).toContainText(`Emailed to ${email}`, { timeout: 20_000 });
	await expect.poll(async () => (await mailTo(email)).length, { timeout: 20_000 }).toBe(2);

	await setDelivery(invoiceId, 'uncertain', 'The worker stopped while sending');
	await page.reload();
	await expect(delivery).toContainText('Delivery uncertain');
	await expect(delivery).toContainText('may or may not have received it');
	await expect(delivery.getByRole('link', { name: 'Review in Deliveries' })).toBeVisible();
	await expect(page.getByText('Sent', { exact: true })).toBeVisible();
});
