import { expect, test } from '@playwright/test';
import { addCustomer, mailTo, signUp, uniqueEmail } from './helpers.ts';

test('send an invoice: it becomes Sent, the customer gets the email and opens the public page', async ({
	page,
	browser,
}) => {
	await signUp(page);
	const email = uniqueEmail('customer');
	const id = await addCustomer(page, { name: 'Grace Hopper', email });
	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByLabel('Description').first().fill('Office flowers');
	await page.getByLabel('Unit price').first().fill('45');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();

	await page.getByRole('button', { name: 'Send invoice' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('delivery-status')).toContainText(`Emailed to ${email}`, {
		timeout: 20_000,
	});
	await expect(page.getByText('Sent', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Send invoice' })).toHaveCount(0);

	const [mail] = await mailTo(email);
	expect(mail?.subject).toContain('INV-0001');
	const link = /http:\/\/localhost:\d+\/i\/[\w-]+/.exec(mail?.text ?? '')?.[0];
	expect(link).toBeTruthy();

	// The customer's view: no login, the invoice and its PDF.
	const customer = await browser.newPage();
	await customer.goto(link!);
	await expect(customer.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	await expect(customer.getByTestId('invoice-total')).toHaveText('$45.00');
	const pdf = await customer.request.get(`${link}/pdf`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');

	// The Messages tab records the email; "Viewed" shows on the invoice.
	await page.reload();
	await expect(page.getByText('Viewed')).toBeVisible();

	// Voiding revokes the public link. An issued invoice is voided, never "deleted".
	await expect(page.getByRole('button', { name: 'Delete invoice' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Void invoice' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: 'Void invoice' }).click();
	await expect(page.getByText('Void', { exact: true })).toBeVisible();
	const gone = await customer.goto(link!);
	expect(gone?.status()).toBe(404);
});

test('a customer without an email cannot be sent an invoice; the reason is shown', async ({
	page,
}) => {
	await signUp(page);
	const id = await addCustomer(page, { name: 'Walk-in' });
	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByLabel('Description').first().fill('Roses');
	await page.getByLabel('Unit price').first().fill('10');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await page.getByRole('button', { name: 'Send invoice' }).click();
	await expect(page.getByText(/Add an email address to this customer/)).toBeVisible();
	await expect(page.getByText('Draft', { exact: true })).toBeVisible();
});
