import { expect, test } from '@playwright/test';
import { addCustomer, signUp } from './helpers.ts';

test.use({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });

test('signup takes the browser’s language, locale and time zone; Settings changes them', async ({
	page,
}) => {
	await signUp(page, 'Blumen Berlin');
	await page.goto('/settings');
	await expect(page.getByLabel('Language')).toHaveValue('de');
	await expect(page.getByLabel('Locale')).toHaveValue('de-DE');
	await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');

	await page.getByLabel('Locale').fill('not a locale');
	await page.getByLabel('Time zone').fill('Mars/Base');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Enter a valid locale (e.g. en-US or fr-FR)')).toBeVisible();
	await expect(page.getByText('Enter a valid time zone (e.g. Europe/Paris)')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Locale')).toHaveValue('de-DE');

	await page.getByLabel('Language').selectOption('fr');
	await page.getByLabel('Locale').fill('fr-fr');
	await page.getByLabel('Time zone').fill('Europe/Paris');
	await page.getByLabel('Tax ID').fill('FR12345678901');
	await page.getByLabel('Subject', { exact: true }).fill('Facture {number}');
	await page.getByLabel('Message', { exact: true }).fill('Bonjour,\nvoici {link}');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved')).toBeVisible();

	await page.reload();
	await expect(page.getByLabel('Language')).toHaveValue('fr');
	await expect(page.getByLabel('Locale')).toHaveValue('fr-FR');
	await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Paris');
	await expect(page.getByLabel('Tax ID')).toHaveValue('FR12345678901');
	await expect(page.getByLabel('Subject', { exact: true })).toHaveValue('Facture {number}');
	await expect(page.getByLabel('Message', { exact: true })).toHaveValue('Bonjour,\nvoici {link}');
});

test('a customer’s address and tax ID are edited on the profile and shown in its header', async ({
	page,
}) => {
	await signUp(page, 'Profile Co');
	await addCustomer(page, { name: 'Ana Lima' });
	// The profile's header, not the app's top bar (phone widths).
	const header = page.getByRole('main').locator('header').first();
	await expect(header.getByText('Tax ID')).toHaveCount(0);

	await page.getByRole('button', { name: 'Edit details' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('Address').fill('12 Rue des Fleurs\n75001 Paris');
	await dialog.getByLabel('Tax ID').fill('FR999');
	await dialog.getByRole('button', { name: 'Save changes' }).click();
	await expect(dialog).toBeHidden();
	await expect(header.getByText('12 Rue des Fleurs')).toBeVisible();
	await expect(header.getByText('FR999')).toBeVisible();

	await page.reload();
	await expect(header.getByText('FR999')).toBeVisible();
});
