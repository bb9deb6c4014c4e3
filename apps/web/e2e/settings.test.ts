import { expect, type Page, test } from '@playwright/test';
import { signUp } from './helpers.ts';

async function openSettings(page: Page) {
	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

test('business details are saved and survive a reload', async ({ page }) => {
	await signUp(page, 'Petal & Stem');
	await openSettings(page);
	await expect(page.getByLabel('Business name')).toHaveValue('Petal & Stem');

	await page.getByLabel('Business name').fill('Petal & Stem Florists');
	await page.getByLabel('Email').fill('hello@petal.example');
	await page.getByLabel('Address').fill('1 Market Street\nSpringfield');
	await page.getByLabel('Currency').selectOption('EUR');
	await page.getByLabel('Invoice prefix').fill('PS-');
	await expect(page.getByText('Invoice numbers look like PS-0001')).toBeVisible();
	await page.getByLabel('Payment terms (days)').fill('30');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved')).toBeVisible();

	await page.reload();
	await expect(page.getByLabel('Business name')).toHaveValue('Petal & Stem Florists');
	await expect(page.getByLabel('Email')).toHaveValue('hello@petal.example');
	await expect(page.getByLabel('Address')).toHaveValue('1 Market Street\nSpringfield');
	await expect(page.getByLabel('Currency')).toHaveValue('EUR');
	await expect(page.getByLabel('Currency').locator('option:checked')).toHaveText('EUR — Euro');
	await expect(page.getByLabel('Invoice prefix')).toHaveValue('PS-');
	await expect(page.getByLabel('Payment terms (days)')).toHaveValue('30');
	// The sidebar shows the new name too.
	await expect(page.getByRole('complementary').getByText('Petal & Stem Florists')).toBeVisible();
});

test('bad business details get field errors and change nothing', async ({ page }) => {
	await signUp(page, 'Careful Co');
	await openSettings(page);
	const terms = await page.getByLabel('Payment terms (days)').inputValue();

	await page.getByLabel('Business name').fill('');
	await page.getByLabel('Payment terms (days)').fill('-1');
	await page.getByLabel('Invoice prefix').fill('NO SPACES');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Business name is required')).toBeVisible();
	await expect(page.getByText('Payment terms cannot be negative')).toBeVisible();
	await expect(page.getByText('Use letters, digits, - / _ . only')).toBeVisible();
	await expect(page.getByLabel('Business name')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Settings saved')).toHaveCount(0);

	await page.reload();
	await expect(page.getByLabel('Business name')).toHaveValue('Careful Co');
	await expect(page.getByLabel('Payment terms (days)')).toHaveValue(terms);
	await expect(page.getByLabel('Invoice prefix')).not.toHaveValue('NO SPACES');
});

test('switch plan to Starter and back to Grow', async ({ page }) => {
	await signUp(page);
	await openSettings(page);
	const currentPlan = page.locator('#current-plan');
	await expect(currentPlan).toContainText('Current plan: Grow');
	await expect(currentPlan).toContainText('free trial until');
	await expect(
		page.getByText('No billing in this edition: switching takes effect immediately.'),
	).toBeVisible();

	await page.getByRole('radio', { name: 'Starter' }).check();
	await page.getByRole('button', { name: 'Change plan' }).click();
	await expect(page.getByText('You’re now on Starter')).toBeVisible();
	await expect(currentPlan).toContainText('Current plan: Starter');
	await expect(currentPlan).not.toContainText('trial');

	await page.reload();
	await expect(currentPlan).toContainText('Current plan: Starter');
	await expect(page.getByRole('radio', { name: 'Starter' })).toBeChecked();

	await page.getByRole('radio', { name: 'Grow' }).check();
	await page.getByRole('button', { name: 'Change plan' }).click();
	await expect(currentPlan).toContainText('Current plan: Grow');
	await page.reload();
	await expect(currentPlan).toContainText('Current plan: Grow');
	await expect(page.getByRole('radio', { name: 'Grow' })).toBeChecked();
});

test('form endpoint URL and HTML snippet can be copied', async ({ page, context, baseURL }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await signUp(page);
	await openSettings(page);

	const url = await page.getByLabel('Form URL', { exact: true }).inputValue();
	expect(url).toMatch(new RegExp(`^${baseURL}/api/forms/[A-Za-z0-9_-]+$`));
	await page.getByRole('button', { name: 'Copy form URL' }).click();
	await expect(page.getByText('Copied')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

	const snippet = await page.getByLabel('HTML snippet', { exact: true }).inputValue();
	expect(snippet).toContain(`<form action="${url}" method="POST">`);
	expect(snippet).toContain('name="_gotcha"');
	await page.getByRole('button', { name: 'Copy HTML snippet' }).click();
	await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
});
