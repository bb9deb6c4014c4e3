import { expect, type Page, test } from '@playwright/test';
import { signUp, uniqueEmail } from './helpers.ts';

/** Calls a tRPC mutation as the signed-in owner (the app's own API), to set up data quickly. */
async function mutate<T>(page: Page, baseURL: string, path: string, json: unknown): Promise<T> {
	const response = await page.request.post(`/api/trpc/${path}`, {
		headers: { origin: baseURL, 'content-type': 'application/json' },
		data: { json },
	});
	expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
	return (await response.json()).result.data.json as T;
}

type Created = { id: string; customerId: string };

/**
 * Two customers and one invoice of each kind. Dates are far from today so that "overdue" holds
 * in any time zone: past-due ones fell due in 2020, the others in 2999.
 */
async function seedInvoices(page: Page, baseURL: string) {
	const customer = (name: string) =>
		mutate<{ id: string }>(page, baseURL, 'customers.create', {
			name,
			email: uniqueEmail('customer'),
		});
	const ada = await customer('Ada Florist');
	const bea = await customer('Bea Bakery');
	const invoice = async (
		customerId: string,
		number: string,
		opts: { past?: boolean; issue?: boolean; pay?: string } = {},
	) => {
		const created = await mutate<Created>(page, baseURL, 'invoices.create', {
			customerId,
			number,
			issueDate: opts.past ? '2020-01-01' : '2025-01-01',
			dueDate: opts.past ? '2020-01-31' : '2999-12-31',
			items: [{ description: 'Bouquet', quantity: '1', unitPrice: '154.80', taxRate: '0' }],
		});
		if (opts.issue || opts.pay) await mutate(page, baseURL, 'invoices.issue', { id: created.id });
		if (opts.pay) {
			await mutate(page, baseURL, 'payments.record', {
				invoiceId: created.id,
				amount: opts.pay,
				paidOn: '2025-06-01',
				method: 'cash',
			});
		}
		return created;
	};
	await invoice(ada.id, 'INV-0001');
	const sent = await invoice(ada.id, 'INV-0002', { issue: true });
	await invoice(bea.id, 'INV-0003', { past: true, issue: true });
	await invoice(bea.id, 'INV-0004', { pay: '50.00' });
	return { ada, bea, sent };
}

const rows = (page: Page) => page.getByTestId('overview-row');
const numbers = (page: Page) => rows(page).getByRole('link', { name: /^INV-/ });

test('the Invoices overview filters by status, customer and number, and links to each invoice', async ({
	page,
	baseURL,
}) => {
	// Many page loads in one story: room for a loaded machine.
	test.setTimeout(60_000);
	await signUp(page, 'Overview Florist');
	const { bea, sent } = await seedInvoices(page, baseURL!);

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Invoices' })
		.click();
	await expect(page).toHaveURL(/\/invoices$/);
	await expect(page.getByRole('heading', { name: 'Invoices', level: 1 })).toBeVisible();
	// Sent 154.80 + overdue 154.80 + partially paid 104.80; the draft owes nothing yet.
	await expect(page.getByTestId('overview-outstanding')).toHaveText('$414.40');
	await expect(page.getByTestId('overview-overdue')).toHaveText('$154.80');
	await expect(numbers(page)).toHaveText(['INV-0004', 'INV-0003', 'INV-0002', 'INV-0001']);
	const partial = rows(page).filter({ hasText: 'INV-0004' });
	await expect(partial.getByTestId('status-badge')).toHaveText('Partially paid');
	await expect(partial).toContainText('$104.80');

	const chips = page.getByRole('navigation', { name: 'Filter by status' });
	await expect(chips.getByRole('link')).toHaveText([
		'All',
		'Draft',
		'Sent',
		'Overdue',
		'Partially paid',
		'Paid',
		'Void',
	]);
	await chips.getByRole('link', { name: 'Overdue', exact: true }).click();
	await expect(page).toHaveURL(/\/invoices\?status=overdue$/);
	await expect(chips.getByRole('link', { name: 'Overdue', exact: true })).toHaveAttribute(
		'aria-current',
		'page',
	);
	await expect(numbers(page)).toHaveText(['INV-0003']);
	await expect(rows(page).getByTestId('status-badge')).toHaveText('Overdue');
	await chips.getByRole('link', { name: 'Partially paid', exact: true }).click();
	await expect(numbers(page)).toHaveText(['INV-0004']);
	await chips.getByRole('link', { name: 'Sent', exact: true }).click();
	await expect(numbers(page)).toHaveText(['INV-0002']);
	await chips.getByRole('link', { name: 'Paid', exact: true }).click();
	await expect(page.getByText('No invoices match these filters.')).toBeVisible();
	await chips.getByRole('link', { name: 'All', exact: true }).click();
	await expect(page).toHaveURL(/\/invoices$/);
	await expect(numbers(page)).toHaveCount(4);

	// Search by number: a part of it, any case, the status filter kept.
	await chips.getByRole('link', { name: 'Draft', exact: true }).click();
	await expect(numbers(page)).toHaveText(['INV-0001']);
	await page.getByRole('searchbox', { name: 'Search by invoice number' }).fill('inv-000');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/status=draft&q=inv-000$/);
	await expect(numbers(page)).toHaveText(['INV-0001']);
	await chips.getByRole('link', { name: 'All', exact: true }).click();
	await expect(page).toHaveURL(/\/invoices\?q=inv-000$/);
	await expect(numbers(page)).toHaveCount(4);
	await page.getByRole('searchbox', { name: 'Search by invoice number' }).fill('0003');
	await page.keyboard.press('Enter');
	await expect(numbers(page)).toHaveText(['INV-0003']);
	await page.goto('/invoices');

	// A row's customer sets the customer filter, shown as a removable chip; totals follow it.
	await rows(page)
		.filter({ hasText: 'INV-0004' })
		.getByRole('link', { name: 'Show invoices of Bea Bakery' })
		.click();
	await expect(page).toHaveURL(new RegExp(`/invoices\\?customer=${bea.id}$`));
	await expect(page.getByTestId('customer-chip')).toContainText('Customer: Bea Bakery');
	await expect(numbers(page)).toHaveText(['INV-0004', 'INV-0003']);
	await expect(page.getByTestId('overview-outstanding')).toHaveText('$259.60');
	await chips.getByRole('link', { name: 'Overdue', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`customer=${bea.id}`));
	await expect(numbers(page)).toHaveText(['INV-0003']);
	await page.getByRole('link', { name: 'Remove the customer filter (Bea Bakery)' }).click();
	await expect(page).toHaveURL(/\/invoices\?status=overdue$/);
	await expect(page.getByTestId('customer-chip')).toHaveCount(0);

	// Each number links to the invoice.
	await chips.getByRole('link', { name: 'All', exact: true }).click();
	await numbers(page).filter({ hasText: 'INV-0002' }).click();
	await expect(page).toHaveURL(`/customers/${sent.customerId}/invoices/${sent.id}`);
	await expect(page.getByRole('heading', { name: 'Invoice INV-0002' })).toBeVisible();
});

test('bad filters in the URL are a 400 or 404 that says why', async ({
	page,
	baseURL,
	browser,
}) => {
	await signUp(page, 'Overview Bad Input');
	expect((await page.goto('/invoices?status=unpaid'))?.status()).toBe(400);
	await expect(page.getByText('Not an invoice status to filter by')).toBeVisible();
	expect((await page.goto('/invoices?customer=not-an-id'))?.status()).toBe(400);
	// A customer of another business (or a deleted one) is not found.
	const other = await mutate<{ id: string }>(page, baseURL!, 'customers.create', {
		name: 'Mine',
		email: uniqueEmail('mine'),
	});
	const context = await browser.newContext();
	const stranger = await context.newPage();
	await signUp(stranger, 'Overview Other Business');
	expect((await stranger.goto(`/invoices?customer=${other.id}`))?.status()).toBe(404);
	await expect(stranger.getByText('Customer not found')).toBeVisible();
	// A business with no invoices yet is told where invoices come from.
	await stranger.goto('/invoices');
	await expect(stranger.getByText('No invoices yet')).toBeVisible();
	await context.close();
});

test.describe('at 360 px', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('the overview shows cards without sideways scrolling and works from the keyboard', async ({
		page,
		baseURL,
	}) => {
		await signUp(page, 'Overview Phone Florist');
		await seedInvoices(page, baseURL!);
		await page.goto('/invoices');
		const cards = page.getByTestId('overview-card');
		await expect(cards).toHaveCount(4);
		await expect(cards.first()).toContainText('INV-0004');
		await expect(cards.first()).toContainText('$104.80');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360,
		);

		// Keyboard only: Tab along the chips, Enter on one.
		const chips = page.getByRole('navigation', { name: 'Filter by status' });
		await chips.getByRole('link', { name: 'Overdue', exact: true }).focus();
		await page.keyboard.press('Tab');
		await expect(chips.getByRole('link', { name: 'Partially paid', exact: true })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/status=partially_paid/);
		await expect(cards).toHaveCount(1);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360,
		);
	});
});
