import { expect, test } from '@playwright/test';
import { addCustomer, signUp, uniqueEmail } from './helpers.ts';

test('sign up, add a customer, open every tab by URL and reload', async ({ page }) => {
	await signUp(page);
	await expect(page.getByText('No customers yet.')).toBeVisible();

	const email = uniqueEmail('ada');
	const id = await addCustomer(page, { name: 'Ada Lovelace', email, phone: '+44 20 7946 0018' });
	await expect(page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible();

	for (const tab of ['Messages', 'Notes', 'Invoices']) {
		await page.goto(`/customers/${id}/${tab.toLowerCase()}`);
		await page.reload();
		await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
	}

	// Tabs are reachable with the keyboard: arrow keys move focus, Enter follows.
	await page.getByRole('tab', { name: 'Invoices' }).focus();
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByRole('tab', { name: 'Notes' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/customers/${id}/notes$`));

	await page.goto('/customers');
	await expect(page.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
	await page.getByLabel('Search customers').fill('lovelace');
	await page.getByLabel('Search customers').press('Enter');
	await expect(page.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
});

test('bad customer input gets field errors and changes nothing', async ({ page }) => {
	await signUp(page);
	const email = uniqueEmail('grace');
	await addCustomer(page, { name: 'Grace Hopper', email });

	await page.goto('/customers');
	await page.getByRole('button', { name: 'Add customer' }).first().click();
	const dialog = page.getByRole('dialog');
	await dialog.getByRole('button', { name: 'Save customer' }).click();
	await expect(dialog.getByText('Name is required')).toBeVisible();

	await dialog.getByLabel('Name').fill('Someone');
	await dialog.getByLabel('Email').fill('not-an-email');
	await dialog.getByRole('button', { name: 'Save customer' }).click();
	await expect(dialog.getByText('Enter a valid email address')).toBeVisible();

	await dialog.getByLabel('Email').fill(email.toUpperCase());
	await dialog.getByRole('button', { name: 'Save customer' }).click();
	await expect(dialog.getByText('A customer with this email already exists')).toBeVisible();

	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await page.reload();
	await expect(page.getByRole('row')).toHaveCount(2); // header + Grace
});

test('edit the profile header', async ({ page }) => {
	await signUp(page);
	await addCustomer(page, { name: 'Hedy Lamarr' });
	await page.getByRole('button', { name: 'Edit details' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('Name').fill('Hedy Kiesler');
	await dialog.getByLabel('Phone').fill('+1 310 555 0100');
	await dialog.getByRole('button', { name: 'Save changes' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('heading', { name: 'Hedy Kiesler' })).toBeVisible();
	await page.reload();
	await expect(page.getByText('+1 310 555 0100')).toBeVisible();
});

test('log out, wrong password, log in again', async ({ page }) => {
	const { email, password } = await signUp(page);
	await page.getByRole('button', { name: 'Log out' }).click();
	await expect(page).toHaveURL(/\/login$/);
	await page.goto('/customers');
	await expect(page).toHaveURL(/\/login/);

	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill('wrong-password');
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByText('Wrong email or password.')).toBeVisible();

	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL(/\/customers$/);
});

test('signing up twice with one email is refused; bad sign-up input gets field errors', async ({
	page,
}) => {
	const { email } = await signUp(page);
	await page.getByRole('button', { name: 'Log out' }).click();
	await page.goto('/signup');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByText('Business name is required')).toBeVisible();
	await expect(page.getByText(/Password must be at least 10 characters/)).toBeVisible();

	await page.getByLabel('Business name').fill('Copycat');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill('another-password');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByText(/already exists/)).toBeVisible();
});

test("another business's customer is not found", async ({ browser }) => {
	const owner = await browser.newPage();
	await signUp(owner, 'Owner Co');
	const id = await addCustomer(owner, { name: 'Secret Customer' });

	const intruder = await browser.newPage();
	await signUp(intruder, 'Intruder Co');
	const response = await intruder.goto(`/customers/${id}/notes`);
	expect(response?.status()).toBe(404);
	await expect(intruder.getByText('Secret Customer')).toHaveCount(0);
	const garbage = await intruder.goto('/customers/not-a-uuid/messages');
	expect(garbage?.status()).toBe(404);
});

test('health check reports database, Redis and worker', async ({ request }) => {
	const res = await request.get('/healthz');
	expect(res.status()).toBe(200);
	expect(await res.json()).toMatchObject({ database: 'ok', redis: 'ok', worker: 'ok' });
});

test('cross-site tRPC mutations are refused', async ({ request }) => {
	const res = await request.post('/api/trpc/customers.create', {
		headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
		data: { json: { name: 'x' } },
	});
	expect(res.status()).toBe(403);
});
