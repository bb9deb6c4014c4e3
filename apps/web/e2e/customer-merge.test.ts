import { expect, test } from '@playwright/test';
import { addCustomer, signUp, uniqueEmail } from './helpers.ts';

test('merge a duplicate into the customer to keep: preview, merge, and the old URL leads to the survivor', async ({
	page,
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await signUp(page);
	const keptId = await addCustomer(page, { name: 'Ann Smith', email: uniqueEmail('ann-home') });
	const workEmail = uniqueEmail('ann-work');
	const goneId = await addCustomer(page, { name: 'Ann at work', email: workEmail });
	await page.getByRole('tab', { name: 'Notes' }).click();
	await page.getByRole('button', { name: 'Add Note' }).click();
	await page.getByLabel('Note').fill('Prefers white roses');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByTestId('notes-list')).toContainText('Prefers white roses');

	// The picker searches the other customers; choosing one previews what moves.
	await page.getByRole('button', { name: 'Merge into…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Merge into…' });
	await dialog.getByRole('searchbox', { name: 'Customer to keep' }).fill('Smith');
	await dialog.getByRole('radio', { name: /Ann Smith/ }).check();
	const preview = dialog.getByTestId('merge-preview');
	await expect(preview).toContainText('What moves to Ann Smith');
	await expect(preview).toContainText('1 note');
	await expect(preview).toContainText('1 email address');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await dialog.getByRole('button', { name: 'Merge customers' }).click();

	await expect(page).toHaveURL(new RegExp(`/customers/${keptId}/messages$`));
	await expect(page.getByText('Ann at work was merged into Ann Smith')).toBeVisible();
	await expect(page.getByTestId('system-event')).toContainText('Customers merged');
	await expect(page.getByTestId('customer-addresses')).toContainText(workEmail);

	// The merged customer's old link (a bookmark, a notification) opens the survivor's same tab.
	await page.goto(`/customers/${goneId}/notes`);
	await expect(page).toHaveURL(new RegExp(`/customers/${keptId}/notes\\?merged=${goneId}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ann Smith');
	await expect(page.getByTestId('merged-notice')).toContainText(
		'Ann at work was merged into this customer',
	);
	await expect(page.getByTestId('notes-list')).toContainText('Prefers white roses');

	// The list shows one Ann now.
	await page.goto('/customers?q=Ann');
	await expect(page.getByRole('link', { name: 'Ann at work' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Ann Smith' })).toHaveCount(1);
});
