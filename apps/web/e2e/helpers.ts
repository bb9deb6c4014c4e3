import { randomUUID } from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';

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

export interface SunkMail {
	subject: string;
	text: string;
	html: string;
	to: { address: string }[];
	from: { name: string; address: string }[];
	/** The From header line as it was sent. */
	fromHeader: string | null;
	attachments: string[];
	files: { filename: string; contentType: string; base64: string }[];
}

/** Emails the SMTP sink received for `address`. */
export async function mailTo(address: string): Promise<SunkMail[]> {
	const all = (await (await fetch(`${mailApi}/email`)).json()) as SunkMail[];
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

/**
 * Where each element's content is cut off: outside the viewport, outside an ancestor that
 * clips or scrolls it, or (for number inputs) a value wider than its box. Empty when all is visible.
 */
export function clipped(locator: Locator) {
	return locator.evaluateAll((elements) => {
		const viewport = document.documentElement.clientWidth;
		const problems: string[] = [];
		for (const el of elements) {
			const name = `${el.tagName.toLowerCase()} "${(el as HTMLInputElement).value ?? el.textContent?.trim()}"`;
			// The text itself, not the box: a cell can fit while its text spills out of it.
			const range = document.createRange();
			range.selectNodeContents(el);
			const box =
				el instanceof HTMLInputElement ? el.getBoundingClientRect() : range.getBoundingClientRect();
			if (box.width === 0) problems.push(`${name} is not shown`);
			if (box.left < -0.5 || box.right > viewport + 0.5)
				problems.push(`${name} [${box.left}, ${box.right}] is outside the viewport`);
			// Text inputs scroll long text by nature; a number must be readable whole.
			const numeric = el instanceof HTMLInputElement && el.inputMode === 'decimal';
			if (numeric && el.scrollWidth > el.clientWidth + 1)
				problems.push(`${name} does not fit its input`);
			for (let a = el.parentElement; a; a = a.parentElement) {
				if (getComputedStyle(a).overflowX === 'visible') continue;
				const clip = a.getBoundingClientRect();
				if (box.left < clip.left - 0.5 || box.right > clip.right + 0.5)
					problems.push(
						`${name} is cut off by <${a.tagName.toLowerCase()} class="${a.className}">`,
					);
			}
		}
		return problems;
	});
}
