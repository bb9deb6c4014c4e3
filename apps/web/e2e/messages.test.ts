import { expect, test } from '@playwright/test';
import { addCustomer, mailTo, signUp, uniqueEmail } from './helpers.ts';

test('messages: reply from the tab; it shows queued then sent and arrives by email with a reply token', async ({
	page,
}) => {
	await signUp(page);
	const email = uniqueEmail('ada');
	await addCustomer(page, { name: 'Ada Lovelace', email });
	await expect(page.getByText('No messages yet')).toBeVisible();

	await page.getByRole('button', { name: 'Send reply' }).click();
	await expect(page.getByText('Write a reply before sending')).toBeVisible();

	await page.getByLabel('Reply').fill('Hello Ada,\nyour <b>bouquet</b> is ready.');
	await page.getByRole('button', { name: 'Send reply' }).click();
	const bubble = page.getByTestId('message').last();
	await expect(bubble).toContainText('your <b>bouquet</b> is ready.');
	await expect(bubble.getByTestId('delivery-state')).toContainText('Sent', { timeout: 20_000 });
	await expect(page.getByLabel('Reply')).toHaveValue('');

	const [mail] = await mailTo(email);
	expect(mail?.text).toContain('your <b>bouquet</b> is ready.');
	expect((mail as unknown as { replyTo: string }).replyTo).toMatch(
		/^reply\+[0-9a-f]{32}@rapport\.test$/,
	);
});

test('messages: a customer without an email cannot be replied to', async ({ page }) => {
	await signUp(page);
	await addCustomer(page, { name: 'No Email' });
	await page.getByLabel('Reply').fill('Hi');
	await page.getByRole('button', { name: 'Send reply' }).click();
	await expect(page.getByText(/has no email address yet/)).toBeVisible();
});
