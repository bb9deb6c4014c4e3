import { expect, test } from '@playwright/test';
import { mailTo, signUp, uniqueEmail } from './helpers.ts';

const SAME_ANSWER = /If an account exists for that address, we’ve sent a link/;

async function askForReset(page: import('@playwright/test').Page, address: string) {
	await page.goto('/login');
	await page.getByRole('link', { name: 'Forgot password' }).click();
	await expect(page).toHaveURL(/\/forgot-password$/);
	await page.getByLabel('Email').fill(address);
	await page.getByRole('button', { name: 'Send reset link' }).click();
	await expect(page.getByRole('status')).toHaveText(SAME_ANSWER);
}

test('forgot password: the emailed link sets a new password once and logs every session out', async ({
	page,
	browser,
}) => {
	const { email, password } = await signUp(page);
	// Another device, logged in before the reset.
	const other = await browser.newContext();
	const device = await other.newPage();
	await device.goto('/login');
	await device.getByLabel('Email').fill(email);
	await device.getByLabel('Password').fill(password);
	await device.getByRole('button', { name: 'Log in' }).click();
	await expect(device).toHaveURL(/\/customers$/);
	await page.getByRole('button', { name: 'Log out' }).click();

	// An address without an account gets the same answer, and no email.
	const nobody = uniqueEmail('nobody');
	await askForReset(page, nobody);
	await askForReset(page, email);

	let link: string | undefined;
	await expect
		.poll(
			async () => {
				const mail = (await mailTo(email)).find((m) => m.subject === 'Reset your Rapport password');
				link = /http:\/\/localhost:\d+\/reset-password\?token=[\w-]+/.exec(mail?.text ?? '')?.[0];
				return link;
			},
			{ timeout: 20_000 },
		)
		.toBeTruthy();
	// The unknown address was asked for first, and its request queued nothing.
	expect(await mailTo(nobody)).toEqual([]);

	await page.goto(link!);
	await page.getByLabel('New password').fill('password1234');
	await page.getByRole('button', { name: 'Set new password' }).click();
	await expect(page.getByText(/too common/)).toBeVisible();
	const newPassword = 'marigold-teapot-91';
	await page.getByLabel('New password').fill(newPassword);
	await page.getByRole('button', { name: 'Set new password' }).click();
	await expect(page).toHaveURL(/\/login\?reset=done$/);
	await expect(page.getByRole('status')).toContainText('Your password was changed');

	// The other device's session ended with the reset.
	await device.goto('/customers');
	await expect(device).toHaveURL(/\/login\?next=%2Fcustomers$/);
	await other.close();

	// The old password no longer works; the new one does.
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page.getByText('Wrong email or password.')).toBeVisible();
	await page.getByLabel('Password').fill(newPassword);
	await page.getByRole('button', { name: 'Log in' }).click();
	await expect(page).toHaveURL(/\/customers$/);

	// The link worked once.
	await page.goto(link!);
	await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
	await expect(page.getByText(/expired or was already used/)).toBeVisible();
	await page.getByRole('link', { name: 'Send a new reset link' }).click();
	await expect(page).toHaveURL(/\/forgot-password$/);
});
