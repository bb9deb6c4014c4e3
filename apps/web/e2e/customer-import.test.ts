import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signUp, uniqueEmail } from './helpers.ts';

test('import a ;-separated CSV with a BOM: map, start, watch it finish, see the customers, download the report', async ({
	page,
}) => {
	await signUp(page, 'Import Florist');
	const ada = uniqueEmail('ada');
	const csv = [
		'\uFEFFFirst name;Last name;E-mail;Mobile;Company',
		`Ada;Lovelace;${ada};+44 20 7946 0001;Analytical`,
		'Grace;Hopper;grace-not-an-email;;Navy',
		`"=HYPERLINK(""http://evil.test"";""x"")";;${uniqueEmail('formula')};;`,
		`Ada;Again;${ada.toUpperCase()};;`,
	].join('\r\n');

	await page.goto('/customers');
	await page.getByRole('link', { name: 'Import' }).click();
	await expect(page.getByRole('heading', { name: 'Import customers' })).toBeVisible();
	await page.getByLabel('CSV file').setInputFiles({
		name: 'contacts.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv, 'utf8'),
	});
	await page.getByRole('button', { name: 'Upload' }).click();

	// The mapping screen recognised the headers, and shows the first rows (formulas as text).
	await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
	await expect(page.getByLabel('First name')).toHaveValue('0');
	await expect(page.getByLabel('Email')).toHaveValue('2');
	await expect(page.getByLabel('Phone')).toHaveValue('3');
	await expect(
		page.getByRole('cell', { name: '=HYPERLINK("http://evil.test";"x")' }),
	).toBeVisible();
	await page.getByLabel('Update empty fields').check();
	await page.getByRole('button', { name: 'Start import' }).click();

	await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
		'aria-valuenow',
		'100',
	);
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
	const summary = page.getByTestId('import-summary');
	await expect(summary).toContainText('Created2');
	await expect(summary).toContainText('Rejected2');

	// After a reload the page still shows the finished import.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download report of rows not imported' }).click();
	const report = await readFile(await (await download).path(), 'utf8');
	expect(report).toContain('grace-not-an-email');
	expect(report).toContain('Enter a valid email address');
	expect(report).toContain('Same email as row 2 of this file');

	await page.getByRole('link', { name: 'View customers' }).click();
	await expect(page.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
	await expect(
		page.getByRole('link', { name: '=HYPERLINK("http://evil.test";"x")' }),
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Grace Hopper' })).toHaveCount(0);
});

test('a file that is not UTF-8 is refused with a clear message and nothing is stored', async ({
	page,
}) => {
	await signUp(page, 'Latin1 Florist');
	await page.goto('/customers/import');
	await page.getByLabel('CSV file').setInputFiles({
		name: 'latin1.csv',
		mimeType: 'text/csv',
		// "José" in Windows-1252.
		buffer: Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x4a, 0x6f, 0x73, 0xe9, 0x0a]),
	});
	await page.getByRole('button', { name: 'Upload' }).click();
	await expect(page.getByText(/This file is not UTF-8 text/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Recent imports' })).toHaveCount(0);
});
