import { expect, type Page } from '@playwright/test';
import pg from 'pg';
import { addCustomer, signUp, uniqueEmail } from './helpers.ts';

/** Below Tailwind's `md` the navigation sits behind the Menu button. */
export const isPhone = (page: Page) => (page.viewportSize()?.width ?? 1280) < 768;

/** Follows a sidebar link at any width: on a phone, through the Menu drawer. */
export async function openSidebarLink(page: Page, name: string) {
	if (isPhone(page)) {
		await page.getByRole('button', { name: 'Menu', exact: true }).click();
		await page.getByRole('dialog', { name: 'Menu' }).getByRole('link', { name }).click();
	} else {
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
	}
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[]) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		return (await client.query<T>(text, values)).rows;
	} finally {
		await client.end();
	}
}

/** Settles CSS transitions (toasts sliding in, dialogs fading) so what is checked is what stays. */
async function settle(page: Page) {
	await page
		.waitForFunction(() =>
			document
				.getAnimations()
				.every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
		)
		.catch(() => {});
}

const successToast = (page: Page, text: string) =>
	page.locator('[data-sonner-toast][data-type="success"]').filter({ hasText: text });

export type Check = (label: string) => Promise<void>;

/**
 * Walks every page of the app with content on it, calling `check` on each (and on a few states
 * that matter: a toast showing, a dialog open, the phone menu open). One business, seeded through
 * the real UI as it goes; only the failed delivery is set in the database (a real one takes
 * every retry's backoff).
 */
export async function tourEveryPage(page: Page, check: Check) {
	const at = async (label: string) => {
		await settle(page);
		await check(label);
	};
	await page.goto('/login');
	await at('login');
	await page.goto('/signup');
	await at('signup');
	await page.goto('/forms/thanks');
	await at('form thank-you page');

	await signUp(page, 'Tour Florist');
	await at('customers, empty');
	if (isPhone(page)) {
		await page.getByRole('button', { name: 'Menu', exact: true }).click();
		await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible();
		await at('phone menu open');
		await page.keyboard.press('Escape');
		await expect(page.getByRole('dialog')).toHaveCount(0);
	}

	await page.goto('/settings');
	const formUrl = await page.getByLabel('Form URL', { exact: true }).inputValue();
	const email = uniqueEmail('customer');
	const customerId = await addCustomer(page, { name: 'Ada Lovelace', email });
	await at('messages, empty');

	// Two replies (one made to fail), then a contact-form submission with extra fields.
	for (const body of ['Thanks, your bouquet is ready for pickup on Friday.', 'See you then!']) {
		await page.getByLabel('Reply').fill(body);
		await page.getByRole('button', { name: 'Send reply' }).click();
		await expect(page.getByText(body)).toBeVisible();
	}
	await expect(page.getByTestId('delivery-state').filter({ hasText: 'Sent' })).toHaveCount(2, {
		timeout: 20_000,
	});
	await sql(
		`update messages set delivery_state = 'failed', delivery_error = '550 5.1.1 Mailbox unavailable'
		 where customer_id = $1 and body = 'See you then!'`,
		[customerId],
	);
	const posted = await page.request.post(formUrl, {
		data: {
			name: 'Ada Lovelace',
			email,
			message: 'Could you do peonies for a wedding in June?',
			colour_scheme: 'white and blush',
			how_did_you_hear: 'a friend',
		},
	});
	expect(posted.status()).toBe(202);
	await expect(async () => {
		await page.reload();
		await expect(page.getByTestId('message')).toHaveCount(3, { timeout: 1_000 });
	}).toPass({ timeout: 20_000 });
	await at('messages, with outgoing, failed and form bubbles');

	await page.getByRole('tab', { name: 'Notes' }).click();
	await expect(page.getByText('No notes yet')).toBeVisible();
	await at('notes, empty');
	await page.getByRole('button', { name: 'Add Note' }).click();
	await page.getByLabel('Note').fill('Prefers white peonies; wedding on 14 June.');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(successToast(page, 'Note saved')).toBeVisible();
	await at('notes, with a success toast');
	await page
		.getByTestId('notes-list')
		.getByRole('button', { name: /Prefers white peonies/ })
		.click();
	await expect(page.getByRole('dialog')).toBeVisible();
	await at('a note open');
	await page.keyboard.press('Escape');
	await page.getByRole('button', { name: 'Merge into…' }).click();
	await expect(page.getByRole('dialog', { name: 'Merge into…' })).toContainText(
		'No other customer yet',
	);
	await at('merge dialog');
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog')).toHaveCount(0);

	await page.getByRole('tab', { name: 'Invoices' }).click();
	await expect(page.getByText('No invoices yet')).toBeVisible();
	await at('customer invoices, empty');
	await page.getByRole('link', { name: 'Create Invoice' }).click();
	await page.getByLabel('Description').first().fill('Bridal bouquet');
	await page.getByLabel('Unit price').first().fill('180');
	await at('invoice editor');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	const invoiceId = /invoices\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
	await expect(successToast(page, 'saved as a draft')).toBeVisible();
	await at('invoice view (draft), with a success toast');
	await page.getByRole('button', { name: 'Send invoice' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	await at('send invoice dialog');
	await dialog.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('delivery-status')).toBeVisible();
	let token: string | undefined;
	await expect
		.poll(async () => {
			const rows = await sql<{ public_token: string | null }>(
				'select public_token from invoices where id = $1',
				[invoiceId],
			);
			token = rows[0]?.public_token ?? undefined;
			return token;
		})
		.toBeTruthy();
	await page.reload();
	await at('invoice view (sent)');
	await page.goto(`/customers/${customerId}/invoices`);
	await at('customer invoices, one sent');

	await page.goto('/customers');
	await expect(page.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
	await at('customers list');
	await page.goto('/invoices');
	await at('invoices overview');
	await page.goto('/deliveries');
	await expect(page.getByText('550 5.1.1 Mailbox unavailable')).toBeVisible();
	await at('deliveries, one failed');
	await page.goto('/settings');
	await at('settings');

	await page.goto(`/i/${token}`);
	await expect(page.getByRole('heading', { name: /INV-0001/ })).toBeVisible();
	await at('public invoice page');
	await page.goto('/i/not-a-real-token');
	await at('public invoice page, unknown link');
	await page.goto('/customers/00000000-0000-4000-8000-000000000000/messages');
	await at('app 404 (no such customer)');
	await page.goto('/no-such-page');
	await at('404 (no such page)');
}
