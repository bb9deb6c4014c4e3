import { expect, type Page, test } from '@playwright/test';
import { addCustomer, signUp, uniqueEmail } from './helpers.ts';

const NUMBER_TAKEN = 'This invoice number is already used. Choose another one.';

/** What has focus: an element's role, id and text, never just "somewhere". */
const focused = (page: Page) =>
	page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body) return 'body';
		return `${el.getAttribute('role') ?? el.tagName.toLowerCase()}#${el.id}:${el.textContent?.trim().slice(0, 40)}`;
	});

test('forms: invoice errors clear as soon as fixed, one bad price keeps the other totals, a taken number is said once', async ({
	page,
}) => {
	await signUp(page);
	const id = await addCustomer(page, { name: 'Form Feedback Customer' });
	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByLabel('Description').first().fill('Bouquet');
	await page.getByLabel('Unit price').first().fill('10');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByText('Invoice INV-0001 saved as a draft')).toBeVisible();
	await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);

	await page.goto(`/customers/${id}/invoices/new`);
	// A blank description is refused on save, and the error goes as soon as one is typed.
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	const description = page.getByLabel('Description').first();
	await expect(description).toHaveAttribute('aria-invalid', 'true');
	await description.fill('Wedding arch');
	await expect(description).not.toHaveAttribute('aria-invalid');
	await page.getByLabel('Unit price').first().fill('100');
	await expect(page.getByLabel('Unit price').first()).not.toHaveAttribute('aria-invalid');
	await expect(page.getByText('Please correct the highlighted fields.')).toHaveCount(0);

	// One unreadable price: its own error; the readable line keeps its amount.
	await page.getByRole('button', { name: 'Add item' }).click();
	await page.getByLabel('Description').nth(1).fill('Ribbons');
	const secondPrice = page.getByLabel('Unit price').nth(1);
	await secondPrice.fill('12..5');
	await secondPrice.blur();
	await expect(secondPrice).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Enter a price like 1,234.56')).toHaveCount(1);
	await expect(page.getByTestId('line-total').first()).toHaveText('$100.00');
	await expect(page.getByTestId('totals-problem')).toHaveText(
		'Can’t total until the unit price in line 2 is fixed.',
	);
	await secondPrice.fill('12.50');
	await expect(secondPrice).not.toHaveAttribute('aria-invalid');
	await expect(page.getByText('Enter a price like 1,234.56')).toHaveCount(0);
	await expect(page.getByTestId('totals-problem')).toHaveCount(0);
	await expect(page.getByTestId('invoice-total')).toHaveText('$112.50');

	// A number already used: the reason once, next to the field (not again in a banner).
	const number = page.getByLabel('Invoice Number');
	await number.fill('INV-0001');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByText(NUMBER_TAKEN)).toHaveCount(1);
	await expect(number).toHaveAttribute('aria-invalid', 'true');
	await expect(number).toBeFocused();
	await number.fill('INV-0100');
	await expect(page.getByText(NUMBER_TAKEN)).toHaveCount(0);
	await expect(number).not.toHaveAttribute('aria-invalid');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByText('Invoice INV-0100 saved as a draft')).toBeVisible();
	await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
});

test('forms: adding and editing a customer each confirm with a toast', async ({ page }) => {
	await signUp(page);
	await addCustomer(page, { name: 'Toasted Customer' });
	await expect(page.getByText('Customer added')).toBeVisible();
	await page.getByRole('button', { name: 'Edit details' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('Phone').fill('+1 555 0100');
	await dialog.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByText('Customer details saved')).toBeVisible();
	await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('focus: a tab switch lands in the new panel, a sent reply back in the composer, a deleted note on the next one', async ({
	page,
}) => {
	await signUp(page);
	const id = await addCustomer(page, { name: 'Focus Customer', email: uniqueEmail('focus') });

	// By mouse and by keyboard (arrow keys move between tabs, Enter opens one).
	await page.getByRole('tab', { name: 'Notes' }).click();
	await expect(page).toHaveURL(new RegExp(`/customers/${id}/notes$`));
	await expect.poll(() => focused(page)).toMatch(/^tabpanel#/);
	await page.getByRole('tab', { name: 'Notes' }).focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('tab', { name: 'Invoices' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/customers/${id}/invoices$`));
	await expect.poll(() => focused(page)).toMatch(/^tabpanel#/);
	await page.getByRole('tab', { name: 'Messages' }).click();
	await expect.poll(() => focused(page)).toMatch(/^tabpanel#/);

	// Sending by clicking the button: focus comes back to the Reply box.
	await page.getByLabel('Reply').fill('Thanks for your message!');
	await page.getByRole('button', { name: 'Send reply' }).click();
	await expect(page.getByText('Reply queued for sending')).toBeVisible();
	await expect(page.getByLabel('Reply')).toBeFocused();

	// Deleting a note: the next note takes focus; the last one gone, Add Note does.
	await page.getByRole('tab', { name: 'Notes' }).click();
	for (const text of ['First note', 'Second note']) {
		await page.getByRole('button', { name: 'Add Note' }).click();
		await page.getByLabel('Note').fill(text);
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(page.getByTestId('notes-list')).toContainText(text);
	}
	const list = page.getByTestId('notes-list');
	const deleteNote = async (text: string) => {
		await list.getByRole('button', { name: new RegExp(text) }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Delete note' }).click();
		await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
		await expect(page.getByRole('alertdialog')).toHaveCount(0);
	};
	await deleteNote('Second note');
	await expect(list.getByRole('button', { name: /First note/ })).toBeFocused();
	await deleteNote('First note');
	await expect(page.getByRole('button', { name: 'Add Note' })).toBeFocused();
});
