import { expect, test } from '@playwright/test';
import { mailTo, signUp, verifyBusinessEmail } from './helpers.ts';

test('settings shows the inbound address and whether the business email is verified', async ({
	page,
}) => {
	const { email } = await signUp(page, 'Petal Post');
	await page.goto('/settings');
	// The issued address lives at ORIGIN's host (INBOUND_EMAIL_DOMAIN's default).
	await expect(page.getByLabel('Inbound mailbox', { exact: true })).toHaveValue(
		/^petal-post-[a-z2-7]{10}@localhost$/,
	);
	const inbound = page.getByRole('region', { name: 'Inbound mail' });
	await expect(inbound.getByText('Not verified')).toBeVisible();

	await inbound.getByRole('button', { name: 'Send verification link' }).click();
	await expect(page.getByText(`Verification link sent to ${email}`)).toBeVisible();
	// The signup's link and the one just asked for.
	await expect.poll(async () => (await mailTo(email)).length, { timeout: 20_000 }).toBe(2);

	const link = await verifyBusinessEmail(page, email);
	await expect(page.getByText(`${email} is verified.`)).toBeVisible();
	await page.getByRole('link', { name: 'Back to Settings' }).click();
	await expect(inbound.getByText('Verified', { exact: true })).toBeVisible();
	await expect(inbound.getByRole('button', { name: 'Send verification link' })).toHaveCount(0);

	// A link works once, and says so plainly afterwards, signed in or not.
	await page.context().clearCookies();
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Email not verified' })).toBeVisible();
	await expect(page.getByText(/already used/)).toBeVisible();
});
