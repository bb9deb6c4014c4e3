import { expect, type Page, test } from '@playwright/test';
import { addCustomer, mailTo, signUp, uniqueEmail } from './helpers.ts';

const today = () => new Date().toISOString().slice(0, 10);
const sideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test('reminders: schedule in Settings, pause and resume on an invoice, send one now, and its reply threads back', async ({
	page,
	request,
}) => {
	await signUp(page, 'Reminder Florist');

	// Settings → Reminders: on for a new business, with the default four steps.
	await page.goto('/settings');
	const section = page.getByRole('region', { name: 'Reminders' });
	const form = section.getByTestId('reminder-settings');
	const steps = form.getByTestId('reminder-step');
	await expect(steps).toHaveCount(4);
	const toggle = form.getByRole('switch', { name: 'Send payment reminders' });
	await expect(toggle).toBeChecked();
	// Keyboard only: Space flips it.
	await toggle.focus();
	await page.keyboard.press('Space');
	await expect(toggle).not.toBeChecked();
	await page.keyboard.press('Space');
	await expect(toggle).toBeChecked();
	await form.getByLabel('Send at').selectOption('10');
	await expect(form.getByText(/time zone/)).toBeVisible();

	// "On the due date" moved to 7 days after: the same day as step 3, refused next to it.
	await steps.nth(1).getByLabel('When').selectOption('after');
	await steps.nth(1).getByLabel('Days').fill('7');
	await form.getByRole('button', { name: 'Save reminders' }).click();
	await expect(steps.nth(2).getByRole('alert')).toHaveText(
		'Two steps fall on the same day; change or remove one',
	);
	await expect(steps.nth(2).getByLabel('Days')).toHaveAttribute('aria-invalid', 'true');

	await steps.nth(1).getByLabel('Days').fill('2');
	await steps.nth(0).getByLabel('Subject (optional)').fill('Friendly nudge about {number}');
	await form.getByRole('button', { name: 'Add step' }).click();
	await expect(steps).toHaveCount(5);
	await expect(steps.nth(4)).toContainText('21 days after the due date');
	await steps.nth(4).getByRole('button', { name: 'Remove step 5' }).click();
	await expect(steps).toHaveCount(4);
	await form.getByRole('button', { name: 'Save reminders' }).click();
	await expect(page.getByText('Reminders saved')).toBeVisible();

	await page.reload();
	await expect(steps).toHaveCount(4);
	await expect(steps.nth(0)).toContainText('3 days before the due date');
	await expect(steps.nth(0).getByLabel('Subject (optional)')).toHaveValue(
		'Friendly nudge about {number}',
	);
	await expect(steps.nth(1)).toContainText('2 days after the due date');
	await expect(form.getByLabel('Send at')).toHaveValue('10');
	// At 360 px the section stacks: nothing scrolls sideways.
	await page.setViewportSize({ width: 360, height: 800 });
	expect(await sideways(page)).toBe(false);
	await page.setViewportSize({ width: 1280, height: 800 });

	// An invoice issued today, due today: the next step is 2 days after the due date.
	const customerEmail = uniqueEmail('ada');
	const customerId = await addCustomer(page, { name: 'Ada Lovelace', email: customerEmail });
	await page.goto(`/customers/${customerId}/invoices/new`);
	await page.getByLabel('Issue Date').fill(today());
	await page.getByLabel('Due Date').fill(today());
	await page.getByLabel('Description').first().fill('Table flowers');
	await page.getByLabel('Quantity').first().fill('1');
	await page.getByLabel('Unit price').first().fill('80.00');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	await expect(page.getByTestId('reminders-panel')).toHaveCount(0);
	await page.getByRole('button', { name: 'Issue without sending' }).click();

	const panel = page.getByTestId('reminders-panel');
	const status = panel.getByTestId('reminder-status');
	await expect(status).toContainText(/Next reminder: .+10:00/);
	await expect(status).toContainText('2 days after the due date');

	await page.setViewportSize({ width: 360, height: 800 });
	expect(await sideways(page)).toBe(false);
	await page.setViewportSize({ width: 1280, height: 800 });

	await panel.getByRole('button', { name: 'Pause reminders' }).click();
	await expect(page.getByText('Reminders paused for INV-0001')).toBeVisible();
	await expect(status).toContainText('Reminders are paused');
	await panel.getByRole('button', { name: 'Resume' }).click();
	await expect(page.getByText('Reminders resumed for INV-0001')).toBeVisible();
	await expect(status).toContainText('Next reminder:');

	// A manual nudge counts as the step that is due (3 days before), with its own subject.
	await panel.getByRole('button', { name: 'Send reminder now' }).click();
	await expect(page.getByText(`Reminder for INV-0001 queued to ${customerEmail}`)).toBeVisible();
	await expect(status).toContainText('2 days after the due date');

	await panel.getByRole('link', { name: 'Messages tab' }).click();
	const reminder = page.getByTestId('message').filter({ hasText: 'Friendly nudge about INV-0001' });
	await expect(reminder).toContainText('Payment reminder');
	await expect(reminder.getByTestId('delivery-state')).toContainText('Sent', { timeout: 20_000 });

	let mail: Awaited<ReturnType<typeof mailTo>>[number] | undefined;
	await expect
		.poll(async () => {
			mail = (await mailTo(customerEmail)).find(
				(m) => m.subject === 'Friendly nudge about INV-0001',
			);
			return mail;
		})
		.toBeTruthy();
	expect(mail?.attachments).toContain('INV-0001.pdf');
	const replyTo = (mail as unknown as { replyTo: string }).replyTo;
	expect(replyTo).toMatch(/^reply\+[0-9a-f]{32}@rapport\.test$/);

	// The customer answers by email: routed by the reply token alone (no verified business email).
	const raw = `From: Ada Lovelace <${customerEmail}>\r\nTo: ${replyTo}\r\nSubject: Re: Friendly nudge about INV-0001\r\nMessage-ID: <${Date.now()}-${Math.random()}@customer.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPaying on Friday, sorry!\r\n\r\nOn Tue, Reminder Florist wrote:\r\n> Friendly nudge\r\n`;
	const posted = await request.post('/api/inbound/email', {
		headers: { authorization: 'Bearer e2e-inbound-secret', 'content-type': 'message/rfc822' },
		data: raw,
	});
	expect(posted.status()).toBe(202);
	const reply = page.getByTestId('message').last();
	await expect(reply).toContainText('Paying on Friday, sorry!', { timeout: 20_000 });
	await expect(reply).not.toContainText('> Friendly nudge');
	await expect(page.getByTestId('message')).toHaveCount(2);
});

test('reminders: a customer without an email gets none, and the invoice says why', async ({
	page,
}) => {
	await signUp(page, 'Quiet Florist');
	const customerId = await addCustomer(page, { name: 'No Email' });
	await page.goto(`/customers/${customerId}/invoices/new`);
	await page.getByLabel('Description').first().fill('Posy');
	await page.getByLabel('Quantity').first().fill('1');
	await page.getByLabel('Unit price').first().fill('20.00');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await page.getByRole('button', { name: 'Issue without sending' }).click();
	const panel = page.getByTestId('reminders-panel');
	await expect(panel.getByTestId('reminder-status')).toContainText(
		'No reminders: No Email has no email address.',
	);
	await expect(panel.getByRole('button', { name: 'Send reminder now' })).toHaveCount(0);
	await panel.getByRole('button', { name: 'Add an email address' }).click();
	const dialog = page.getByRole('dialog', { name: 'Edit customer' });
	await dialog.getByLabel('Email').fill(uniqueEmail('found'));
	await dialog.getByRole('button', { name: 'Save changes' }).click();
	await expect(panel.getByTestId('reminder-status')).toContainText('Next reminder:');
	await expect(panel.getByRole('button', { name: 'Send reminder now' })).toBeVisible();
});
