import { expect, test } from '@playwright/test';
import { addCustomer, signUp } from './helpers.ts';

test('a deep link opened signed out survives the log-in, a failed attempt included', async ({
	page,
}) => {
	const { email, password } = await signUp(page);
	const id = await addCustomer(page, { name: 'Ada Lovelace' });
	await page.getByRole('button', { name: 'Log out' }).click();

	await page.goto(`/customers/${id}/notes`);
	await expect(page).toHaveURL(`/login?next=${encodeURIComponent(`/customers/${id}/notes`)}`);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByText('Wrong email or password.')).toBeVisible();

	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL(`/customers/${id}/notes`);
	await expect(page.getByRole('tab', { name: 'Notes' })).toHaveAttribute('aria-selected', 'true');
});

test('a next to another origin is ignored: the log-in lands on the customer list', async ({
	page,
}) => {
	const { email, password } = await signUp(page);
	for (const next of ['https://evil.test/customers', '//evil.test/customers', '/\\evil.test']) {
		await page.getByRole('button', { name: 'Log out' }).click();
		await page.goto(`/login?next=${encodeURIComponent(next)}`);
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(password);
		await page.getByRole('button', { name: 'Log in' }).click();
		await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/customers$/);
	}
});
