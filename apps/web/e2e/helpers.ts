import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

export function uniqueEmail(prefix = 'owner') {
	return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/** Signs up a fresh business through the real form and lands on the customer list. */
export async function signUp(page: Page, businessName = 'Test Florist') {
	const email = uniqueEmail();
	const password = 'correct-horse-battery';
	await page.goto('/signup');
	await page.getByLabel('Business name').fill(businessName);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(/\/customers$/);
	return { email, password };
}

export async function addCustomer(
	page: Page,
	values: { name: string; email?: string; phone?: string },
) {
	await page.goto('/customers');
	await page.getByRole('button', { name: 'Add customer' }).first().click();
	const dialog = page.getByRole('dialog');
	await dialog.getByLabel('Name').fill(values.name);
	if (values.email) await dialog.getByLabel('Email').fill(values.email);
	if (values.phone) await dialog.getByLabel('Phone').fill(values.phone);
	await dialog.getByRole('button', { name: 'Save customer' }).click();
	await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}\/messages$/);
	return page.url().match(/customers\/([0-9a-f-]{36})/)![1]!;
}

const mailApi = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173) + 2}`;

/** Emails the SMTP sink received for `address`. */
export async function mailTo(
	address: string,
): Promise<{ subject: string; text: string; html: string }[]> {
	const all = (await (await fetch(`${mailApi}/email`)).json()) as {
		subject: string;
		text: string;
		html: string;
		to: { address: string }[];
	}[];
	return all.filter((m) => m.to.some((t) => t.address === address));
}

/** Follows the verification link the signup emailed to `address` (mail to it then routes). */
export async function verifyBusinessEmail(page: Page, address: string) {
	let link: string | undefined;
	await expect
		.poll(
			async () => {
				const mail = (await mailTo(address)).find((m) => m.subject.startsWith('Verify '));
				link = /https?:\/\/\S+\/verify-email\/[\w-]+/.exec(mail?.text ?? '')?.[0];
				return link;
			},
			{ timeout: 20_000 },
		)
		.toBeTruthy();
	await page.goto(link!);
	await expect(page.getByRole('heading', { name: 'Email verified' })).toBeVisible();
	return link!;
}
