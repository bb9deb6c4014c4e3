import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { addCustomer, signUp } from './helpers.ts';

/** An error page inside the app frame: title, heading, explanation, the sidebar, a way back. */
async function expectAppErrorPage(page: Page, heading: string) {
	await expect(page).toHaveTitle(`${heading} · Rapport`);
	await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
	await expect(
		page.getByText(/nothing at this address, or it belongs to another account/),
	).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeAttached();
	await expect(page.locator('body')).not.toContainText(/at .+\.(ts|js):\d+|Error:/);
	// No local mail catcher runs under the tests: no Mail inbox link.
	await expect(page.getByRole('link', { name: /Mail inbox/ })).toHaveCount(0);
	const back = page.getByRole('main').getByRole('link', { name: 'Back to Customers' });
	await back.click();
	await expect(page).toHaveURL(/\/customers$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
}

async function publicTokenOf(invoiceId: string) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		const { rows } = await client.query('select public_token from invoices where id = $1', [
			invoiceId,
		]);
		return rows[0]?.public_token as string;
	} finally {
		await client.end();
	}
}

test('an unknown address is “Page not found” inside the app frame, with a way back', async ({
	page,
}) => {
	// Logged out: the plain page (no log-in prompt for an address that does not exist).
	const loggedOut = await page.goto('/no-such-page');
	expect(loggedOut?.status()).toBe(404);
	await expect(page).toHaveTitle('Page not found · Rapport');
	await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Back to Rapport' })).toBeVisible();

	await signUp(page);
	const res = await page.goto('/no-such-page/at-all');
	expect(res?.status()).toBe(404);
	await expectAppErrorPage(page, 'Page not found');
});

test('another business’s customer and a malformed id are “Customer not found”, never its data', async ({
	page,
	browser,
}) => {
	await signUp(page, 'Owner Florist');
	const theirs = await addCustomer(page, { name: 'Private Person' });

	const stranger = await browser.newPage();
	await signUp(stranger, 'Other Shop');
	const res = await stranger.goto(`/customers/${theirs}/messages`);
	expect(res?.status()).toBe(404);
	await expect(stranger.getByText('Private Person')).toHaveCount(0);
	await expectAppErrorPage(stranger, 'Customer not found');

	expect((await stranger.goto('/customers/not-a-uuid'))?.status()).toBe(404);
	await expectAppErrorPage(stranger, 'Customer not found');
	await stranger.close();
});

test('a voided invoice’s public link answers in the public layout, without app navigation', async ({
	page,
	browser,
}) => {
	await signUp(page);
	const id = await addCustomer(page, { name: 'Grace Hopper' });
	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByLabel('Description').first().fill('Office flowers');
	await page.getByLabel('Unit price').first().fill('45');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	await page.getByRole('button', { name: 'Issue without sending' }).click();
	await expect(page.getByRole('button', { name: 'Void invoice' })).toBeVisible();
	const invoiceId = /invoices\/([0-9a-f-]{36})/.exec(page.url())![1]!;
	const link = `/i/${await publicTokenOf(invoiceId)}`;

	const customer = await browser.newPage();
	expect((await customer.goto(link))?.status()).toBe(200);
	await customer.goto('/forms/thanks'); // somewhere to go back to

	await page.getByRole('button', { name: 'Void invoice' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: 'Void invoice' }).click();
	await expect(page.getByText('Void', { exact: true })).toBeVisible();

	expect((await customer.goto(link))?.status()).toBe(404);
	await expect(customer).toHaveTitle('Invoice link not valid');
	await expect(
		customer.getByRole('heading', { level: 1, name: 'This invoice link is not valid any more' }),
	).toBeVisible();
	await expect(customer.getByText(/Ask the business that sent it for a new link/)).toBeVisible();
	await expect(customer.getByRole('navigation')).toHaveCount(0);
	await expect(customer.getByRole('link', { name: /Customers|Log out/ })).toHaveCount(0);
	// The way back: where the customer came from.
	await customer.getByRole('button', { name: 'Go back' }).click();
	await expect(customer).toHaveURL(/\/forms\/thanks$/);
	await customer.close();
});
