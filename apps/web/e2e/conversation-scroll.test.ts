import { expect, test } from '@playwright/test';
import { signUp, uniqueEmail } from './helpers.ts';

// The conversation opens at its newest message from the server's HTML itself: nothing scrolls
// (or jumps) after hydration. Checked with JavaScript off, so only the first paint counts.
test('a long conversation is rendered scrolled to the newest message, without script', async ({
	page,
	browser,
	request,
}) => {
	await signUp(page, 'Scroll Florist');
	await page.goto('/settings');
	const formUrl = await page.getByLabel('Form URL', { exact: true }).inputValue();
	const email = uniqueEmail('talkative');
	for (let i = 1; i <= 12; i++) {
		const res = await request.post(formUrl, {
			form: {
				name: 'Talkative Tess',
				email,
				message: `Message number ${i}\n${'Line\n'.repeat(4)}`,
			},
		});
		expect(res.status()).toBeLessThan(400);
	}
	await expect(async () => {
		await page.goto('/customers');
		await page.getByRole('link', { name: 'Talkative Tess' }).click({ timeout: 1_000 });
		await page.getByRole('tab', { name: /Messages/ }).click({ timeout: 1_000 });
		await expect(page.getByText('Message number 12')).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 30_000 });
	const messagesUrl = page.url();

	const noScript = await browser.newContext({
		javaScriptEnabled: false,
		storageState: await page.context().storageState(),
	});
	const still = await noScript.newPage();
	await still.goto(messagesUrl);
	const log = still.getByRole('log', { name: 'Conversation' });
	const overflows = await log.evaluate((el) => el.scrollHeight > el.clientHeight + 50);
	expect(overflows).toBe(true);
	await expect(log.getByText('Message number 12')).toBeInViewport();
	await expect(log.getByText('Message number 1', { exact: true })).not.toBeInViewport();
	await noScript.close();
});
