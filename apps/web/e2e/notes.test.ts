import { expect, test } from '@playwright/test';
import { addCustomer, signUp } from './helpers.ts';

test('notes: add, list, open, edit, delete with confirmation, undo, delete again, reload', async ({
	page,
}) => {
	await signUp(page);
	const id = await addCustomer(page, { name: 'Noted Customer' });
	await page.getByRole('tab', { name: 'Notes' }).click();
	await expect(page).toHaveURL(new RegExp(`/customers/${id}/notes$`));
	await expect(page.getByText('No notes yet')).toBeVisible();

	// Blank notes are refused with a message.
	await page.getByRole('button', { name: 'Add Note' }).click();
	await page.getByLabel('Note').fill('   ');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByText('Write something before saving')).toBeVisible();

	const text = 'Called about the wedding.\nWants <b>peonies</b> & 12 centrepieces 🌸';
	await page.getByLabel('Note').fill(text);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	const list = page.getByTestId('notes-list');
	await expect(list.getByRole('button', { name: /Called about the wedding/ })).toBeVisible();
	await expect(list).toContainText('<b>peonies</b>'); // text, never HTML

	await list.getByRole('button', { name: /Called about the wedding/ }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByTestId('note-content')).toHaveText(text);

	await dialog.getByRole('button', { name: 'Edit' }).click();
	await dialog.getByLabel('Note').fill('Wedding moved to July.');
	await dialog.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(dialog.getByTestId('note-content')).toHaveText('Wedding moved to July.');
	await expect(dialog).toContainText('Edited');

	await dialog.getByRole('button', { name: 'Delete note' }).click();
	const confirm = page.getByRole('alertdialog');
	await expect(confirm).toContainText('Delete this note?');
	await confirm.getByRole('button', { name: 'Delete' }).click();
	await expect(list).toHaveCount(0);
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByRole('button', { name: /Wedding moved to July/ })).toBeVisible();

	await page.getByRole('button', { name: /Wedding moved to July/ }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete note' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByText('No notes yet')).toBeVisible();
	await page.reload();
	await expect(page.getByText('No notes yet')).toBeVisible();
});

test('notes: an edit made in another tab is not silently overwritten', async ({ browser }) => {
	const context = await browser.newContext();
	const tabA = await context.newPage();
	await signUp(tabA);
	const id = await addCustomer(tabA, { name: 'Two Tabs' });
	await tabA.goto(`/customers/${id}/notes`);
	await tabA.getByRole('button', { name: 'Add Note' }).click();
	await tabA.getByLabel('Note').fill('Original');
	await tabA.getByRole('button', { name: 'Save', exact: true }).click();
	// Saved before the second tab loads the list (under load the save can take longer).
	await expect(tabA.getByRole('button', { name: /Original/ })).toBeVisible();

	const tabB = await context.newPage();
	await tabB.goto(`/customers/${id}/notes`);
	for (const tab of [tabA, tabB]) {
		await tab.getByRole('button', { name: /Original/ }).click();
		await tab.getByRole('dialog').getByRole('button', { name: 'Edit' }).click();
	}
	await tabA.getByLabel('Note').fill('From tab A');
	await tabA.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(tabA.getByTestId('note-content')).toHaveText('From tab A');

	await tabB.getByLabel('Note').fill('From tab B');
	await tabB.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(tabB.getByRole('alert')).toContainText('changed elsewhere');
	await expect(tabB.getByLabel('Note')).toHaveValue('From tab B'); // nothing the user typed is lost

	await tabB.reload();
	await expect(tabB.getByRole('button', { name: /From tab A/ })).toBeVisible();
	await context.close();
});
