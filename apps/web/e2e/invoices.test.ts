import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { addCustomer, signUp } from './helpers.ts';

test('invoices: create with live totals, edit, mark paid, download the PDF, delete a draft', async ({
	page,
}) => {
	await signUp(page);
	const id = await addCustomer(page, { name: 'Zoë Ångström', email: 'zoe@example.test' });
	await page.getByRole('tab', { name: 'Invoices' }).click();
	await expect(page.getByText('No invoices yet')).toBeVisible();

	await page.getByRole('link', { name: 'Create Invoice' }).click();
	await expect(page.getByLabel('Invoice Number')).toHaveValue('INV-0001');
	await expect(page.getByLabel('Issue Date')).not.toHaveValue('');
	await expect(page.getByLabel('Due Date')).not.toHaveValue('');

	await page.getByLabel('Description').first().fill('Bridal bouquet');
	await page.getByLabel('Quantity').first().fill('1.5');
	await page.getByLabel('Unit price').first().fill('80.00');
	await page.getByRole('button', { name: 'Add item' }).click();
	await page.getByLabel('Description').nth(1).fill('Buttonholes');
	await page.getByLabel('Quantity').nth(1).fill('2');
	await page.getByLabel('Unit price').nth(1).fill('19.99');
	await expect(page.getByTestId('invoice-total')).toHaveText('$159.98');
	await page.getByLabel('Notes').fill('Bank transfer to 12-34-56, thank you!');

	// A due date before the issue date is refused next to the field.
	const issue = await page.getByLabel('Issue Date').inputValue();
	await page.getByLabel('Due Date').fill('2000-01-01');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByText('The due date cannot be before the issue date')).toBeVisible();
	await page.getByLabel('Due Date').fill(issue);

	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	await expect(page.getByTestId('invoice-total')).toHaveText('$159.98');

	await page.getByRole('link', { name: '← All invoices' }).click();
	const row = page.getByRole('row', { name: /INV-0001/ });
	await expect(row).toContainText('Draft');
	await expect(row).toContainText('$159.98');

	// Edit the draft.
	await row.getByRole('link', { name: 'INV-0001' }).click();
	await page.getByRole('link', { name: 'Edit' }).click();
	await page.getByLabel('Quantity').first().fill('2');
	await expect(page.getByTestId('invoice-total')).toHaveText('$199.98');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByTestId('invoice-total')).toHaveText('$199.98');

	// Download the PDF and read its text.
	const downloadPromise = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download PDF' }).click();
	const download = await downloadPromise;
	expect(download.suggestedFilename()).toBe('INV-0001.pdf');
	const pdfPath = join(tmpdir(), `invoice-${Date.now()}.pdf`);
	await download.saveAs(pdfPath);
	const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
	expect(text).toContain('INV-0001');
	expect(text).toContain('$199.98');
	expect(text).toContain('Zoë Ångström');

	// Mark as paid: locked afterwards.
	await page.getByRole('button', { name: 'Mark as paid' }).click();
	await expect(page.getByText('Paid', { exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Delete invoice' })).toHaveCount(0);

	// A second invoice, deleted as a draft with confirmation.
	await page.goto(`/customers/${id}/invoices/new`);
	await expect(page.getByLabel('Invoice Number')).toHaveValue('INV-0002');
	await page.getByLabel('Description').first().fill('Delivery');
	await page.getByLabel('Unit price').first().fill('15');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0002' })).toBeVisible();
	await page.getByRole('button', { name: 'Delete invoice' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
	await expect(page).toHaveURL(new RegExp(`/customers/${id}/invoices$`));
	await expect(page.getByRole('row', { name: /INV-0002/ })).toHaveCount(0);
	await expect(page.getByRole('row', { name: /INV-0001/ })).toContainText('Paid');
	writeFileSync(pdfPath, '');
});

test('invoices: the Starter plan explains the upgrade instead of offering Create Invoice', async ({
	page,
}) => {
	await signUp(page);
	const id = await addCustomer(page, { name: 'Starter Customer' });
	await page.goto('/settings');
	await page.getByLabel(/Starter/).check();
	await page.getByRole('button', { name: 'Change plan' }).click();
	await expect(page.locator('#current-plan')).toContainText('Starter');
	await page.goto(`/customers/${id}/invoices`);
	await expect(page.getByText('Invoices are part of the Launch and Grow plans.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Create Invoice' })).toHaveCount(0);
	await page.getByRole('link', { name: 'Upgrade in Settings' }).click();
	await expect(page).toHaveURL(/\/settings$/);
});
