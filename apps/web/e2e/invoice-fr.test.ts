import { execFileSync } from 'node:child_process';
import { expect, type Page, test } from '@playwright/test';
import { addCustomer, clipped, mailTo, type SunkMail, signUp, uniqueEmail } from './helpers.ts';

// An apostrophe makes the display name need quoting in the From header.
const BUSINESS = "L'Atelier Fleuri";
const VAT_NUMBER = 'FR12345678901';
// Intl writes a (narrow) no-break space before the euro sign; \s matches every kind.
const euros = (amount: string) => new RegExp(`^${amount}\\s€$`, 'u');

/** Selects the option when the field is a list, types the value when it is a text field. */
async function setField(page: Page, label: string, value: string) {
	const field = page.getByLabel(label, { exact: true });
	if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
	else await field.fill(value);
}

async function mailFor(address: string) {
	let mail: SunkMail | undefined;
	await expect
		.poll(
			async () => {
				mail = (await mailTo(address))[0];
				return mail?.subject;
			},
			{ timeout: 20_000 },
		)
		.toBeTruthy();
	return mail!;
}

const pdfText = (base64: string) =>
	execFileSync('pdftotext', ['-layout', '-', '-'], {
		input: Buffer.from(base64, 'base64'),
	}).toString();

test('a French business: prices typed as 120,50, a French email with its PDF, a public page that fits a phone', async ({
	page,
	browser,
}) => {
	await signUp(page, BUSINESS);
	await page.goto('/settings');
	await setField(page, 'Language', 'fr');
	await setField(page, 'Locale', 'fr-FR');
	await setField(page, 'Time zone', 'Europe/Paris');
	await setField(page, 'Currency', 'EUR');
	await setField(page, 'Tax ID', VAT_NUMBER);
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved')).toBeVisible();

	const email = uniqueEmail('client');
	const customerId = await addCustomer(page, { name: 'Camille Martin', email });
	await page.goto(`/customers/${customerId}/invoices/new`);
	await page.getByLabel('Description').first().fill('Bouquet de mariée');
	const price = page.getByLabel('Unit price').first();

	// A dot is not a French decimal separator: refused next to the field, in the French format.
	await price.fill('120.50');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByText(/^Enter a price like 1\s234,56$/u)).toBeVisible();
	await expect(price).toHaveAttribute('aria-invalid', 'true');

	// Typed the French way, totals follow live in the business's format.
	await price.fill('120,50');
	await page.getByLabel('Quantity').first().fill('2');
	await page.getByLabel('Tax rate (%)').first().fill('5,5');
	await expect(page.getByTestId('line-total').first()).toHaveText(euros('241,00'));
	await expect(page.getByTestId('invoice-total')).toHaveText(euros('254,26'));
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	// The dashboard previews the document the customer gets, which may be in French.
	await expect(page.getByRole('heading', { name: /^(Invoice|Facture) INV-0001$/ })).toBeVisible();

	// Editing shows the saved values in French again.
	await page.getByRole('link', { name: 'Edit' }).click();
	await expect(page.getByLabel('Unit price').first()).toHaveValue('120,50');
	await expect(page.getByLabel('Tax rate (%)').first()).toHaveValue('5,5');
	await page.getByRole('link', { name: 'Cancel' }).click();

	await page.getByRole('button', { name: 'Send invoice' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog.getByLabel('Subject')).toHaveValue(`Facture INV-0001 de ${BUSINESS}`);
	await dialog.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('delivery-status')).toContainText(`Emailed to ${email}`, {
		timeout: 20_000,
	});

	const mail = await mailFor(email);
	expect(mail.fromHeader).toBe(`From: "${BUSINESS}" <billing@rapport.test>`);
	expect(mail.subject).toBe(`Facture INV-0001 de ${BUSINESS}`);
	const attachment = mail.files.find((f) => f.filename === 'INV-0001.pdf');
	expect(attachment?.contentType).toBe('application/pdf');
	const text = pdfText(attachment!.base64);
	// The issued invoice, never marked as a draft in either language.
	expect(text).not.toMatch(/draft|brouillon/i);
	expect(text).toMatch(/Facture/);
	expect(text).toMatch(/120,50\s€/u);
	expect(text).toMatch(/254,26\s€/u);
	expect(text).toContain(VAT_NUMBER);

	// The customer opens the link on a phone.
	const link = /http:\/\/localhost:\d+\/i\/[\w-]+/.exec(mail.text)?.[0];
	expect(link).toBeTruthy();
	const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
	const served = await (await phone.request.get(link!)).text();
	expect(served).toContain('<html lang="fr">');
	await phone.goto(link!);
	await expect(phone.getByRole('heading', { name: 'Facture INV-0001' })).toBeVisible();
	await expect(phone.getByTestId('invoice-total')).toHaveText(euros('254,26'));
	const amounts = phone.getByTestId('line-amount');
	await expect(amounts).toHaveCount(1);
	await expect(amounts.first()).toHaveText(euros('241,00'));
	expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	expect(await clipped(amounts)).toEqual([]);
	expect(await clipped(phone.getByTestId('invoice-total'))).toEqual([]);
	await phone.close();
});
