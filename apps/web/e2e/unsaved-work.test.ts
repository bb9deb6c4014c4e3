import { expect, type Page, test } from '@playwright/test';
import { addCustomer, signUp, uniqueEmail } from './helpers.ts';

const draftKeys = (page: Page) =>
	page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rapport:draft:')));

async function switchTab(page: Page, name: 'Messages' | 'Notes' | 'Invoices', id: string) {
	await page.getByRole('tab', { name }).click();
	await expect(page).toHaveURL(new RegExp(`/customers/${id}/${name.toLowerCase()}$`));
}

test('unsaved work: a half-written reply and note survive tab switches and reloads', async ({
	page,
}) => {
	await signUp(page);
	const id = await addCustomer(page, { name: 'Draft Customer', email: uniqueEmail('draft') });
	const reply = page.getByLabel('Reply');
	await reply.fill('Hi! About your wedding flowers, we could');
	await switchTab(page, 'Notes', id);
	await switchTab(page, 'Messages', id);
	await expect(reply).toHaveValue('Hi! About your wedding flowers, we could');
	await page.reload();
	await expect(reply).toHaveValue('Hi! About your wedding flowers, we could');

	// Escape in the Add Note editor keeps what was typed (it used to close and lose it).
	await switchTab(page, 'Notes', id);
	await page.getByRole('button', { name: 'Add Note' }).click();
	const note = page.getByLabel('Note');
	await note.fill('Prefers peonies, allergic to lilies');
	await note.press('Escape');
	await expect(note).toHaveValue('Prefers peonies, allergic to lilies');
	await expect(page.getByText('Your note is kept.')).toBeVisible();
	// …and across a tab switch, reopened with the draft.
	await switchTab(page, 'Invoices', id);
	await switchTab(page, 'Notes', id);
	await expect(page.getByLabel('Note')).toHaveValue('Prefers peonies, allergic to lilies');

	await page.getByRole('button', { name: 'Save', exact: true }).click();
	const list = page.getByTestId('notes-list');
	await expect(list).toContainText('Prefers peonies');

	// Editing in the note's dialog: Escape keeps the edit instead of closing the dialog.
	await list.getByRole('button', { name: /Prefers peonies/ }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByRole('button', { name: 'Edit' }).click();
	await dialog.getByLabel('Note').fill('Prefers peonies and ranunculus');
	await dialog.getByLabel('Note').press('Escape');
	await expect(dialog.getByLabel('Note')).toHaveValue('Prefers peonies and ranunculus');
	await dialog.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(dialog.getByTestId('note-content')).toHaveText('Prefers peonies and ranunculus');
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);

	// Cancel is the deliberate discard; a sent reply leaves no draft behind either.
	await page.getByRole('button', { name: 'Add Note' }).click();
	await page.getByLabel('Note').fill('Never mind');
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByLabel('Note')).toHaveCount(0);
	await switchTab(page, 'Messages', id);
	await page.getByRole('button', { name: 'Send reply' }).click();
	await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('wedding flowers');
	await expect(reply).toHaveValue('');
	await switchTab(page, 'Notes', id);
	await expect(page.getByRole('button', { name: 'Add Note' })).toBeVisible();
	await expect(page.getByLabel('Note')).toHaveCount(0);
	expect(await draftKeys(page)).toEqual([]);
});

test('unsaved work: leaving a changed invoice editor asks first; after a save it does not', async ({
	page,
}) => {
	await signUp(page);
	const id = await addCustomer(page, { name: 'Invoice Draft Customer' });
	const list = new RegExp(`/customers/${id}/invoices$`);

	// Untouched: leaves without a question.
	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByRole('link', { name: 'Cancel' }).click();
	await expect(page).toHaveURL(list);

	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByLabel('Description').first().fill('Bridal bouquet');
	await page.getByRole('tab', { name: 'Messages' }).click();
	const confirm = page.getByRole('alertdialog');
	await expect(confirm).toContainText('Leave without saving?');
	await confirm.getByRole('button', { name: 'Cancel' }).click();
	await expect(confirm).toHaveCount(0);
	await expect(page).toHaveURL(new RegExp(`/customers/${id}/invoices/new$`));
	await expect(page.getByLabel('Description').first()).toHaveValue('Bridal bouquet');

	// Cancel asks the same; Discard changes leaves.
	await page.getByRole('link', { name: 'Cancel' }).click();
	await confirm.getByRole('button', { name: 'Discard changes' }).click();
	await expect(page).toHaveURL(list);

	// Saving navigates without a question.
	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByLabel('Description').first().fill('Table centrepiece');
	await page.getByLabel('Unit price').first().fill('45');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByText('Invoice INV-0001 saved as a draft')).toBeVisible();
	await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
	await expect(confirm).toHaveCount(0);

	// Closing the tab with changes: the browser's own prompt (beforeunload).
	await page.getByRole('link', { name: 'Edit' }).click();
	await page.getByLabel('Unit price').first().fill('50');
	const dialog = page.waitForEvent('dialog');
	await page.close({ runBeforeUnload: true });
	const prompt = await dialog;
	expect(prompt.type()).toBe('beforeunload');
	await prompt.accept();
});

test('unsaved work: Log out removes every saved draft', async ({ page }) => {
	const { email, password } = await signUp(page);
	const id = await addCustomer(page, { name: 'Private Customer', email: uniqueEmail('private') });
	await page.getByLabel('Reply').fill('Not for the next person at this computer');
	await switchTab(page, 'Notes', id);
	await page.getByRole('button', { name: 'Add Note' }).click();
	await page.getByLabel('Note').fill('Private thought');
	await expect.poll(() => draftKeys(page)).toHaveLength(2);

	await page.getByRole('button', { name: 'Log out' }).click();
	await expect(page).toHaveURL(/\/login/);
	expect(await draftKeys(page)).toEqual([]);

	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL(/\/customers/);
	await page.goto(`/customers/${id}/messages`);
	await expect(page.getByLabel('Reply')).toHaveValue('');
	await switchTab(page, 'Notes', id);
	await expect(page.getByLabel('Note')).toHaveCount(0);
});
