import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { signUp, uniqueEmail } from './helpers.ts';

async function mutate<T>(page: Page, baseURL: string, path: string, json: unknown): Promise<T> {
	const response = await page.request.post(`/api/trpc/${path}`, {
		headers: { origin: baseURL, 'content-type': 'application/json' },
		data: { json },
	});
	expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
	return (await response.json()).result.data.json as T;
}

/** Clicks a download link and parses the file it saves, as a spreadsheet would read it. */
async function download(page: Page, link: string) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: link, exact: true }).click(),
	]);
	const path = await file.path();
	return parse(await readFile(path), { bom: true, columns: true }) as Record<string, string>[];
}

test('customers and invoices download as CSV for the accountant', async ({ page, baseURL }) => {
	await signUp(page, 'Export Florist');
	const email = uniqueEmail('ada');
	const ada = await mutate<{ id: string }>(page, baseURL!, 'customers.create', {
		name: '=cmd|calc',
		email,
		phone: '+1 (555) 010-0100',
	});
	await mutate(page, baseURL!, 'invoices.create', {
		customerId: ada.id,
		number: 'INV-0042',
		issueDate: '2025-01-01',
		dueDate: '2999-12-31',
		items: [{ description: 'Bouquet', quantity: '2', unitPrice: '10.25', taxRate: '0' }],
	});

	await page.goto('/customers');
	const customers = await download(page, 'Export CSV');
	expect(Object.keys(customers[0] ?? {})).toEqual([
		'Name',
		'Email',
		'Phone',
		'Address',
		'Tax ID',
		'Open balance',
		'Last activity',
		'Created',
	]);
	expect(customers).toHaveLength(1);
	expect(customers[0]).toMatchObject({
		Name: "'=cmd|calc",
		Email: email,
		Phone: '+1 (555) 010-0100',
	});

	await page.goto('/invoices?status=draft');
	const invoices = await download(page, 'Export CSV');
	expect(invoices).toEqual([
		{
			Number: 'INV-0042',
			'Issue date': '2025-01-01',
			'Due date': '2999-12-31',
			Customer: "'=cmd|calc",
			Currency: 'USD',
			Subtotal: '20.50',
			Tax: '0.00',
			Total: '20.50',
			Paid: '0.00',
			Balance: '20.50',
			Status: 'draft',
		},
	]);
	// Another status filter applies to the export too.
	await page.goto('/invoices?status=paid');
	expect(await download(page, 'Export CSV')).toEqual([]);
});

test('the export endpoints need a session', async ({ request }) => {
	for (const path of ['/customers/export.csv', '/invoices/export.csv']) {
		expect((await request.get(path)).status()).toBe(401);
	}
});
