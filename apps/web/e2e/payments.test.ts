import { expect, type Page, test } from '@playwright/test';
import { addCustomer, clipped, signUp } from './helpers.ts';

const daysAgo = (days: number) =>
	new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** A one-line invoice of `price`, issued without sending; returns its view's URL. */
async function issuedInvoice(page: Page, customerId: string, price: string) {
	await page.goto(`/customers/${customerId}/invoices/new`);
	// Issued ten days ago and due five days ago: overdue until paid.
	await page.getByLabel('Issue Date').fill(daysAgo(10));
	await page.getByLabel('Due Date').fill(daysAgo(5));
	await page.getByLabel('Description').first().fill('Wedding flowers');
	await page.getByLabel('Quantity').first().fill('1');
	await page.getByLabel('Unit price').first().fill(price);
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: /^(Invoice|Facture) INV-0001$/ })).toBeVisible();
	await page.getByRole('button', { name: 'Issue without sending' }).click();
	await expect(page.getByTestId('public-link')).toBeVisible();
	return page.url();
}

const badge = (page: Page) => page.getByRole('article').getByTestId('status-badge');

test('payments: record 50.00 of 154.80, balances everywhere, overpayment refused, delete it', async ({
	page,
}) => {
	await signUp(page, 'Payments Florist');
	const customerId = await addCustomer(page, { name: 'Grace Hopper', email: 'grace@example.test' });
	const invoiceUrl = await issuedInvoice(page, customerId, '154.80');
	await expect(badge(page)).toHaveText('Overdue');
	await expect(page.getByTestId('summary-balance-due')).toHaveText('$154.80');

	// The dialog starts from the balance due and today.
	await page.getByRole('button', { name: 'Record payment' }).click();
	const dialog = page.getByRole('dialog', { name: 'Record payment' });
	await expect(dialog.getByLabel('Amount')).toHaveValue('154.80');
	await expect(dialog.getByLabel('Paid on')).not.toHaveValue('');

	// More than is due: refused next to the field, nothing recorded.
	await dialog.getByLabel('Amount').fill('200.00');
	await dialog.getByRole('button', { name: 'Record payment' }).click();
	await expect(dialog.getByText('This is more than the balance due ($154.80)')).toBeVisible();
	await expect(dialog.getByLabel('Amount')).toHaveAttribute('aria-invalid', 'true');

	await dialog.getByLabel('Amount').fill('50.00');
	await dialog.getByLabel('Method').selectOption('cash');
	await dialog.getByLabel('Reference').fill('Till receipt 7');
	await dialog.getByRole('button', { name: 'Record payment' }).click();
	await expect(page.getByText('Payment of $50.00 recorded for INV-0001')).toBeVisible();
	await expect(dialog).toHaveCount(0);

	await expect(badge(page)).toHaveText('Partially paid · Overdue');
	await expect(page.getByTestId('amount-paid')).toHaveText('$50.00');
	await expect(page.getByTestId('balance-due')).toHaveText('$104.80');
	await expect(page.getByTestId('summary-balance-due')).toHaveText('$104.80');
	const payment = page.getByTestId('payment');
	await expect(payment).toHaveCount(1);
	await expect(payment).toContainText('$50.00');
	await expect(payment).toContainText('Cash');
	await expect(payment).toContainText('Till receipt 7');

	// The customer's public page.
	const publicUrl = await page.getByTestId('public-link').getAttribute('href');
	const customer = await page.context().newPage();
	await customer.goto(publicUrl!);
	await expect(customer.getByTestId('balance-due')).toHaveText('$104.80');
	await expect(customer.getByTestId('status-badge')).toHaveText('Partially paid · Overdue');
	await expect(customer.getByTestId('partially-paid')).toContainText('$104.80 is still due');
	await customer.close();

	// The customer list, the profile header and the Invoices tab.
	await page.goto('/customers');
	const row = page.getByRole('row', { name: /Grace Hopper/ });
	await expect(row.getByTestId('open-balance')).toHaveText('$104.80');
	await page.goto(`/customers/${customerId}/invoices`);
	await expect(page.getByTestId('customer-open-balance')).toHaveText('$104.80');
	await expect(page.getByTestId('outstanding-total')).toHaveText('$104.80');
	await expect(page.getByTestId('overdue-total')).toHaveText('$104.80');
	const invoiceRow = page.getByRole('row', { name: /INV-0001/ });
	await expect(invoiceRow.getByTestId('invoice-balance')).toHaveText('$104.80');
	await expect(invoiceRow).toContainText('Partially paid · Overdue');

	// Delete the payment: asked first, then Overdue again with the whole balance; kept in history.
	await page.goto(invoiceUrl);
	await page.getByRole('button', { name: 'Delete payment' }).click();
	const confirm = page.getByRole('alertdialog');
	await expect(confirm).toContainText('$50.00');
	await confirm.getByRole('button', { name: 'Delete payment' }).click();
	await expect(page.getByText('Payment deleted from INV-0001')).toBeVisible();
	await expect(badge(page)).toHaveText('Overdue');
	await expect(page.getByTestId('summary-balance-due')).toHaveText('$154.80');
	await expect(page.getByTestId('balance-due')).toHaveCount(0);
	await expect(payment).toHaveCount(1);
	await expect(payment.getByTestId('payment-deleted')).toContainText('Deleted by');
	await expect(payment.getByRole('button', { name: 'Delete payment' })).toHaveCount(0);

	await page.goto('/customers');
	await expect(row.getByTestId('open-balance')).toHaveText('$154.80');
});

test('payments: Sent again after a deleted payment, Record payment not offered on drafts or when paid', async ({
	page,
}) => {
	await signUp(page, 'Counter Florist');
	const customerId = await addCustomer(page, { name: 'Katherine Johnson' });
	await page.goto(`/customers/${customerId}/invoices/new`);
	await page.getByLabel('Description').first().fill('Centrepiece');
	await page.getByLabel('Unit price').first().fill('154.80');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	// A draft is paid with Mark as paid (issued and paid at once), never with Record payment.
	await expect(page.getByRole('button', { name: 'Record payment' })).toHaveCount(0);

	await page.getByRole('button', { name: 'Issue without sending' }).click();
	await expect(badge(page)).toHaveText('Sent');
	await page.getByRole('button', { name: 'Record payment' }).click();
	const dialog = page.getByRole('dialog', { name: 'Record payment' });
	await dialog.getByLabel('Amount').fill('50.00');
	await dialog.getByRole('button', { name: 'Record payment' }).click();
	await expect(badge(page)).toHaveText('Partially paid');

	// Mark as paid settles the rest.
	await page.getByRole('button', { name: 'Mark as paid' }).click();
	await expect(badge(page)).toHaveText('Paid');
	await expect(page.getByTestId('payment')).toHaveCount(2);
	await expect(page.getByTestId('payment').nth(1)).toContainText('$104.80');
	await expect(page.getByRole('button', { name: 'Record payment' })).toHaveCount(0);

	// On a phone: the payments, the summary and the dialog fit without sideways scrolling.
	await page.setViewportSize({ width: 360, height: 740 });
	const fits = async () =>
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360,
		);
	await fits();
	expect(await clipped(page.getByTestId('payment-summary').locator('dd'))).toEqual([]);
	expect(await clipped(page.getByRole('button', { name: 'Delete payment' }))).toEqual([]);
	await page.goto(`/customers/${customerId}/invoices`);
	await fits();
	await page.goto('/customers');
	await fits();
	await page.goBack();
	await page.goBack();
	await expect(badge(page)).toHaveText('Paid');

	// Deleting the second payment reopens it; deleting the first makes it plain Sent again.
	await page.getByRole('button', { name: 'Delete payment' }).nth(1).click();
	await page.getByRole('alertdialog').getByRole('button', { name: 'Delete payment' }).click();
	await expect(badge(page)).toHaveText('Partially paid');
	await page.getByRole('button', { name: 'Delete payment' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: 'Delete payment' }).click();
	await expect(badge(page)).toHaveText('Sent');
	await expect(page.getByTestId('summary-balance-due')).toHaveText('$154.80');
	await expect(page.getByTestId('payment-deleted')).toHaveCount(2);
	await page.getByRole('button', { name: 'Record payment' }).click();
	await expect(
		page.getByRole('dialog', { name: 'Record payment' }).getByLabel('Note'),
	).toBeVisible();
	await fits();
});

test('payments: a French business types the amount as 50,00', async ({ page }) => {
	await signUp(page, 'Fleurs de Paris');
	await page.goto('/settings');
	for (const [label, value] of [
		['Language', 'fr'],
		['Locale', 'fr-FR'],
		['Time zone', 'Europe/Paris'],
		['Currency', 'EUR'],
	] as const) {
		const field = page.getByLabel(label, { exact: true });
		if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
		else await field.fill(value);
	}
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved')).toBeVisible();

	const customerId = await addCustomer(page, { name: 'Camille Martin' });
	await issuedInvoice(page, customerId, '154,80');
	await page.getByRole('button', { name: 'Record payment' }).click();
	const dialog = page.getByRole('dialog', { name: 'Record payment' });
	const amount = dialog.getByLabel('Amount');
	await expect(amount).toHaveValue('154,80');

	// A dot is not a French decimal separator.
	await amount.fill('50.00');
	await dialog.getByRole('button', { name: 'Record payment' }).click();
	await expect(dialog.getByText(/^Enter an amount like 1\s234,56$/u)).toBeVisible();

	await amount.fill('50,00');
	await dialog.getByRole('button', { name: 'Record payment' }).click();
	await expect(dialog).toHaveCount(0);
	await expect(page.getByTestId('balance-due')).toHaveText(/^104,80\s€$/u);
	await expect(page.getByTestId('summary-balance-due')).toHaveText(/^104,80\s€$/u);
	await expect(page.getByTestId('payment')).toContainText(/50,00\s€/u);
});
