import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { addCustomer, clipped, signUp, uniqueEmail } from './helpers.ts';

const WIDTH = 360;
test.use({ viewport: { width: WIDTH, height: 740 } });

async function publicToken(invoiceId: string) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		const { rows } = await client.query<{ public_token: string | null }>(
			'select public_token from invoices where id = $1',
			[invoiceId],
		);
		return rows[0]?.public_token ?? null;
	} finally {
		await client.end();
	}
}

async function expectNoSidewaysScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		WIDTH,
	);
}

/** The invoice document, in the app and on the public page: every amount fully visible. */
async function expectDocumentFits(page: Page) {
	await expect(page.getByTestId('invoice-total')).toBeVisible();
	await expectNoSidewaysScroll(page);
	const items = page.getByTestId('invoice-item');
	await expect(items).toHaveCount(3);
	const amounts = page.getByTestId('line-amount');
	await expect(amounts).toHaveCount(3);
	await expect(amounts.first()).toHaveText('$11,999,999.88');
	await expect(amounts.nth(1)).toHaveText('$1,234,567.89');
	// Every value of every line (quantity, unit price, tax, amount) and every total.
	expect(await clipped(items.locator('[data-label]'))).toEqual([]);
	expect(await clipped(page.getByTestId('invoice-totals').locator('dd'))).toEqual([]);
	// Each value keeps its column's name on a phone, for the eye and for screen readers.
	await expect(items.first().getByText('Amount', { exact: true })).toBeVisible();
	const table = page.getByRole('table');
	await expect(table.getByRole('columnheader', { name: 'Amount' })).toHaveCount(1);
	await expect(table.getByRole('row')).toHaveCount(4);
	await expect(table.getByRole('cell', { name: '$11,999,999.88' })).toHaveCount(1);
}

const longText =
	'Weekly arrangement of seasonal flowers for the reception desk, the lobby and all three meeting rooms on the second floor';

test('at 360 px the editor, the invoice view and the public page show every amount without sideways scrolling', async ({
	page,
}) => {
	await signUp(page, 'Phone Width Florist');
	const email = uniqueEmail('customer');
	const customerId = await addCustomer(page, { name: 'Ada Lovelace', email });

	await page.goto(`/customers/${customerId}/invoices/new`);
	const lines = [
		{ description: longText, quantity: '12', unitPrice: '999999.99', taxRate: '20' },
		{
			description: `${longText} (Saturdays)`,
			quantity: '1.5',
			unitPrice: '823045.26',
			taxRate: '5.5',
		},
		{ description: 'Delivery', quantity: '3', unitPrice: '42', taxRate: '0' },
	];
	for (const [i, line] of lines.entries()) {
		if (i > 0) await page.getByRole('button', { name: 'Add item' }).click();
		await page.getByLabel('Description').nth(i).fill(line.description);
		await page.getByLabel('Quantity').nth(i).fill(line.quantity);
		await page.getByLabel('Unit price').nth(i).fill(line.unitPrice);
		await page.getByLabel('Tax rate (%)').nth(i).fill(line.taxRate);
	}
	await expect(page.getByTestId('line-total').first()).toHaveText('$11,999,999.88');
	await expect(page.getByTestId('invoice-total')).not.toHaveText('—');
	await expectNoSidewaysScroll(page);
	expect(await clipped(page.locator('form input:not([type="date"])'))).toEqual([]);
	expect(await clipped(page.getByTestId('line-total'))).toEqual([]);
	expect(await clipped(page.locator('form dd'))).toEqual([]);
	expect(await clipped(page.getByRole('button', { name: 'Save Invoice' }))).toEqual([]);

	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	const invoiceId = /invoices\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
	await expectDocumentFits(page);
	// The action bar wraps instead of pushing the page wider.
	expect(await clipped(page.getByRole('link', { name: 'Download PDF' }))).toEqual([]);

	// The editor with saved values.
	await page.getByRole('link', { name: 'Edit' }).click();
	await expect(page.getByTestId('line-total').nth(2)).toHaveText('$126.00');
	await expectNoSidewaysScroll(page);
	expect(await clipped(page.locator('form input:not([type="date"])'))).toEqual([]);
	expect(await clipped(page.getByTestId('line-total'))).toEqual([]);
	await page.getByRole('link', { name: 'Cancel' }).click();

	// Send it (through the send dialog where there is one) to get its public link.
	await page.getByRole('button', { name: 'Send invoice' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.or(page.getByTestId('delivery-status'))).toBeVisible();
	if (await dialog.isVisible()) {
		await dialog.getByRole('button', { name: 'Send', exact: true }).click();
	}
	let token: string | null = null;
	await expect.poll(async () => (token = await publicToken(invoiceId))).toBeTruthy();
	await expect(page.getByTestId('delivery-status')).toBeVisible();
	await expectDocumentFits(page);

	await page.goto(`/i/${token}`);
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	await expectDocumentFits(page);
	expect(await clipped(page.getByRole('link', { name: 'Download PDF' }))).toEqual([]);
});
