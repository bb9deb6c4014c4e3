import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { signUp, uniqueEmail } from './helpers.ts';

async function createCustomer(page: Page, baseURL: string, json: Record<string, string>) {
	const response = await page.request.post('/api/trpc/customers.create', {
		headers: { origin: baseURL, 'content-type': 'application/json' },
		data: { json },
	});
	expect(response.status(), await response.text()).toBe(200);
}

/** Clicks a download link and returns where the browser saved the file. */
async function download(page: Page, link: string) {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: link, exact: true }).click(),
	]);
	return file.path();
}

test('export the customers as CSV and import that file again: everything matches, nothing is new', async ({
	page,
	baseURL,
}) => {
	await signUp(page, 'Round Trip Florist');
	const formula = '=HYPERLINK("http://evil.test","x")';
	const plusEmail = `+${uniqueEmail('plus')}`;
	await createCustomer(page, baseURL!, {
		name: formula,
		email: uniqueEmail('formula'),
		phone: '+44 20 7946 0001',
		address: '1 High Street, Leeds',
	});
	await createCustomer(page, baseURL!, { name: 'Plus Address', email: plusEmail, phone: '' });
	// Without an email these are matched by name + phone; one name needs its escape undone.
	await createCustomer(page, baseURL!, { name: 'Walk-in Ana', phone: '+44 7700 900123' });
	await createCustomer(page, baseURL!, { name: '-Minus Maria', phone: '+1 (555) 010-0100' });

	await page.goto('/customers');
	const exported = await download(page, 'Export CSV');
	const text = await readFile(exported, 'utf8');
	const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
	// Escaped against formula injection; phones kept as they are.
	const byName = rows.sort((a, b) => (a.Name! < b.Name! ? -1 : 1));
	expect(byName.map((r) => [r.Name, r.Email, r.Phone])).toEqual([
		["'-Minus Maria", '', '+1 (555) 010-0100'],
		[`'${formula}`, expect.stringMatching(/^formula-/), '+44 20 7946 0001'],
		['Plus Address', `'${plusEmail}`, ''],
		['Walk-in Ana', '', '+44 7700 900123'],
	]);

	await page.getByRole('link', { name: 'Import' }).click();
	await page.getByLabel('CSV file').setInputFiles(exported);
	await page.getByRole('button', { name: 'Upload' }).click();
	await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
	await expect(page.getByLabel('Name', { exact: true })).toHaveValue('0');
	await expect(page.getByLabel('Email')).toHaveValue('1');
	await expect(page.getByLabel('Phone')).toHaveValue('2');
	await expect(page.getByLabel('Address')).toHaveValue('3');
	await expect(page.getByLabel('Tax ID')).toHaveValue('4');
	await page.getByRole('button', { name: 'Start import' }).click();

	await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
		'aria-valuenow',
		'100',
	);
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	const summary = page.getByTestId('import-summary');
	await expect(summary).toContainText('Created0');
	await expect(summary).toContainText('Updated0');
	await expect(summary).toContainText('Skipped4');
	await expect(summary).toContainText('Rejected0');

	// The customers without email are held back as possible duplicates, not created twice.
	const report = parse(
		await readFile(await download(page, 'Download report of rows not imported')),
		{
			bom: true,
			columns: true,
		},
	) as Record<string, string>[];
	expect(report.map((r) => [r.Outcome, r.Name]).sort()).toEqual([
		['Possible duplicate', "'-Minus Maria"],
		['Possible duplicate', 'Walk-in Ana'],
	]);

	// Exported again, the list is exactly what it was.
	await page.getByRole('link', { name: 'View customers' }).click();
	const again = await readFile(await download(page, 'Export CSV'), 'utf8');
	expect(again).toBe(text);
});

test('an import whose queued job was lost can be started again from its page', async ({ page }) => {
	test.setTimeout(60_000);
	await signUp(page, 'Lost Job Florist');
	await page.goto('/customers/import');
	await page.getByLabel('CSV file').setInputFiles({
		name: 'lost.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`Name,Email\nLost Ana,${uniqueEmail('lost')}\n`, 'utf8'),
	});
	await page.getByRole('button', { name: 'Upload' }).click();
	await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
	// As if Start import had queued the job and Redis had then lost it.
	const id = page.url().split('/').at(-1)!;
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		await client.query(
			`update customer_imports set status = 'queued', mapping = '{"name":0,"email":1}' where id = $1`,
			[id],
		);
	} finally {
		await client.end();
	}

	await page.reload();
	await expect(page.getByRole('heading', { name: 'Importing…' })).toBeVisible();
	await page.getByRole('button', { name: 'Start again' }).click({ timeout: 30_000 });
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	await expect(page.getByTestId('import-summary')).toContainText('Created1');
});
