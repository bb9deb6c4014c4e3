import { expect, test } from '@playwright/test';
import { addCustomer, signUp } from './helpers.ts';

test('keyboard: Skip to content comes first and focuses the main region; the conversation can be focused', async ({
	page,
}) => {
	await signUp(page, 'Keyboard Florist');
	const id = await addCustomer(page, { name: 'Grace Hopper', email: 'grace@example.test' });
	await page.getByLabel('Reply').fill('Your order is ready.');
	await page.getByRole('button', { name: 'Send reply' }).click();
	const conversation = page.getByRole('log', { name: 'Conversation' });
	await expect(conversation.getByText('Your order is ready.')).toBeVisible();
	await expect(conversation).toHaveAttribute('tabindex', '0');

	await page.goto(`/customers/${id}/messages`);
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.locator('main#content')).toBeFocused();
	// From the top of the content, Tab goes on into the page, not back to the sidebar.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('link', { name: '← Customers' })).toBeFocused();

	// The conversation is reachable by Tab (before the reply box) and scrolls from the keyboard.
	await page.getByLabel('Reply').focus();
	await page.keyboard.press('Shift+Tab');
	await expect(conversation).toBeFocused();

	// On a desktop the sidebar is there as it was: no Menu button.
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeHidden();
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('the navigation is a Menu button opening a drawer with the links and Log out', async ({
		page,
	}) => {
		await signUp(page, 'Drawer Florist');
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
		const menu = page.getByRole('button', { name: 'Menu', exact: true });
		await expect(menu).toHaveAttribute('aria-expanded', 'false');

		await menu.click();
		const drawer = page.getByRole('dialog', { name: 'Menu' });
		await expect(drawer).toBeVisible();
		await expect(menu).toHaveAttribute('aria-expanded', 'true');
		await expect(menu).toHaveAttribute('aria-controls', (await drawer.getAttribute('id'))!);
		const nav = drawer.getByRole('navigation', { name: 'Main' });
		for (const name of ['Customers', 'Invoices', 'Deliveries', 'Settings'])
			await expect(nav.getByRole('link', { name })).toBeVisible();
		await expect(nav.getByRole('link', { name: 'Customers' })).toHaveAttribute(
			'aria-current',
			'page',
		);
		await expect(drawer.getByRole('button', { name: 'Log out' })).toBeVisible();

		// Escape closes it and gives focus back to the button.
		await page.keyboard.press('Escape');
		await expect(drawer).toBeHidden();
		await expect(menu).toBeFocused();
		await expect(menu).toHaveAttribute('aria-expanded', 'false');

		// A link goes there and the drawer closes.
		await menu.click();
		await drawer.getByRole('link', { name: 'Settings' }).click();
		await expect(page).toHaveURL(/\/settings$/);
		await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
		await expect(page.getByRole('dialog')).toHaveCount(0);

		await menu.click();
		await drawer.getByRole('button', { name: 'Log out' }).click();
		await expect(page).toHaveURL(/\/login/);
		await page.goto('/customers');
		await expect(page).toHaveURL(/\/login/);
	});
});

test.describe('when the tabs do not fit', () => {
	// Narrower than any phone, as at 200 % text zoom on a small one: the three tabs overflow.
	test.use({ viewport: { width: 240, height: 700 } });

	test('they scroll sideways with a fade on the side that has more, the selected one in view', async ({
		page,
	}) => {
		await signUp(page, 'Narrow Florist');
		const id = await addCustomer(page, { name: 'Ada' });
		const tablist = page.getByRole('tablist', { name: 'Customer sections' });
		await expect(page.getByTestId('tabs-more-right')).toBeVisible();
		await expect(page.getByTestId('tabs-more-left')).toHaveCount(0);

		await tablist.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
		await expect(page.getByTestId('tabs-more-left')).toBeVisible();
		await expect(page.getByTestId('tabs-more-right')).toHaveCount(0);

		// Opened directly, the Invoices tab (the last one) is scrolled into view.
		await page.goto(`/customers/${id}/invoices`);
		const invoices = page.getByRole('tab', { name: 'Invoices' });
		await expect(invoices).toHaveAttribute('aria-selected', 'true');
		const [tab, list] = [(await invoices.boundingBox())!, (await tablist.boundingBox())!];
		expect(tab.x).toBeGreaterThanOrEqual(list.x - 0.5);
		expect(tab.x + tab.width).toBeLessThanOrEqual(list.x + list.width + 0.5);
		await expect(page.getByTestId('tabs-more-left')).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			240,
		);
	});
});
