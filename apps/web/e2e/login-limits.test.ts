import { expect, test } from '@playwright/test';
import { signUp } from './helpers.ts';

test('wrong passwords delay the account; the owner’s browser still logs in at once', async ({
	page,
	request,
	baseURL,
}) => {
	const { email, password } = await signUp(page);
	// A real log-in marks this browser as one that knows the account.
	await page.getByRole('button', { name: 'Log out' }).click();
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL(/\/customers$/);
	await page.getByRole('button', { name: 'Log out' }).click();

	// Someone else (no cookie) guesses: after a few failures the account makes them wait.
	const headers = { origin: baseURL!, accept: 'text/html' };
	let last = await request.post('/login', { headers, form: { email, password: 'guess-0-wrong' } });
	for (let i = 1; i < 8 && last.status() !== 429; i++) {
		last = await request.post('/login', { headers, form: { email, password: `guess-${i}-wrong` } });
	}
	expect(last.status()).toBe(429);
	expect(Number(last.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
	expect(await last.text()).toMatch(
		/Too many attempts for this account\. Try again in \d+ seconds?\./,
	);

	// The owner's browser is not held up by the attacker.
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL(/\/customers$/);
});
