import { expect, test } from '@playwright/test';
import { addCustomer, signUp, uniqueEmail } from './helpers.ts';

test('a customer gets a second email and phone; another customer’s address is refused with a link', async ({
	page,
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await signUp(page);
	const adaEmail = uniqueEmail('ada');
	const adaId = await addCustomer(page, { name: 'Ada Lovelace', email: adaEmail });
	const boId = await addCustomer(page, { name: 'Bo Diddley', email: uniqueEmail('bo') });

	// Bo's second email, with the keyboard: Enter submits.
	const work = uniqueEmail('bo-work');
	const addresses = page.getByTestId('customer-addresses');
	await addresses.getByRole('button', { name: '+ Add email' }).click();
	await expect(page.getByRole('textbox', { name: 'Other email' })).toBeFocused();
	await page.keyboard.type(work);
	await page.keyboard.press('Enter');
	await expect(page.getByText('Email added')).toBeVisible();
	await expect(page.getByRole('list', { name: 'Other emails' })).toContainText(work);

	// Ada's email (typed in capitals) belongs to Ada: a field error links to her.
	await addresses.getByRole('button', { name: '+ Add email' }).click();
	await page.getByRole('textbox', { name: 'Other email' }).fill(adaEmail.toUpperCase());
	await addresses.getByRole('button', { name: 'Add email' }).click();
	const error = page.getByRole('alert').filter({ hasText: 'This address belongs to' });
	await expect(error).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Other email' })).toHaveAttribute(
		'aria-invalid',
		'true',
	);
	await expect(error.getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute(
		'href',
		`/customers/${adaId}`,
	);
	await addresses.getByRole('button', { name: 'Cancel' }).click();

	await addresses.getByRole('button', { name: '+ Add phone' }).click();
	await page.getByRole('textbox', { name: 'Other phone' }).fill('+44 20 7946 0018');
	await addresses.getByRole('button', { name: 'Add phone' }).click();
	await expect(page.getByText('Phone added')).toBeVisible();

	// Remove the second email; it survives a reload gone.
	await addresses.getByRole('button', { name: `Remove ${work}` }).click();
	await expect(page.getByText(`Removed ${work}`)).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('customer-addresses')).not.toContainText(work);
	expect(page.url()).toContain(boId);
	// Nothing of the page is wider than a phone.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
