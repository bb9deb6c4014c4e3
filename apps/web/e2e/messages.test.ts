import { expect, test } from '@playwright/test';
import { addCustomer, mailTo, signUp, uniqueEmail, verifyBusinessEmail } from './helpers.ts';

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

const rawEmail = (from: string, to: string, subject: string, body: string) =>
	`From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${Date.now()}-${Math.random()}@customer.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;

test('messages: inbound email appears live on the open tab, and as unread on the customer list', async ({
	page,
	request,
}) => {
	const { email: ownerEmail } = await signUp(page);
	// Mail that is not a reply routes only to a business email its owner verified.
	await verifyBusinessEmail(page, ownerEmail);
	const customerEmail = uniqueEmail('grace');
	await addCustomer(page, { name: 'Grace Hopper', email: customerEmail });

	const post = (subject: string, body: string) =>
		request.post('/api/inbound/email', {
			headers: { authorization: 'Bearer e2e-inbound-secret', 'content-type': 'message/rfc822' },
			data: rawEmail(customerEmail, ownerEmail, subject, body),
		});
	expect(
		(
			await post(
				'Sunday delivery?',
				'Do you deliver on <b>Sundays</b>?\n\nOn Mon, Bloom wrote:\n> old',
			)
		).status(),
	).toBe(202);
	// No reload: the open tab updates itself.
	const bubble = page.getByTestId('message').last();
	await expect(bubble).toContainText('Do you deliver on <b>Sundays</b>?', { timeout: 20_000 });
	await expect(bubble).not.toContainText('> old');

	await page.goto('/customers');
	expect((await post('Another question', 'And Mondays?')).status()).toBe(202);
	await expect(
		page.getByRole('row', { name: /Grace Hopper/ }).getByTestId('unread-count'),
	).toHaveText(/1/, { timeout: 20_000 });
	// Opening the conversation marks it read (a request after it shows): wait for that before
	// going back, or the list may load before the read is recorded.
	const markedRead = page.waitForResponse((r) => r.url().includes('messages.markRead') && r.ok());
	await page.getByRole('link', { name: 'Grace Hopper' }).click();
	await expect(page.getByTestId('message').last()).toContainText('And Mondays?');
	await markedRead;
	await page.goto('/customers');
	await expect(
		page.getByRole('row', { name: /Grace Hopper/ }).getByTestId('unread-count'),
	).toHaveCount(0);
});

test('reading a conversation clears its unread count on the customer list open in another tab', async ({
	page,
	request,
	context,
}) => {
	const { email: ownerEmail } = await signUp(page);
	await verifyBusinessEmail(page, ownerEmail);
	const customerEmail = uniqueEmail('ada');
	const customerId = await addCustomer(page, { name: 'Ada Byron', email: customerEmail });
	// Away from the conversation, which would read the email as soon as it arrives.
	await page.goto('/settings');
	const posted = await request.post('/api/inbound/email', {
		headers: { authorization: 'Bearer e2e-inbound-secret', 'content-type': 'message/rfc822' },
		data: rawEmail(customerEmail, ownerEmail, 'Wreath', 'A winter wreath, please'),
	});
	expect(posted.status()).toBe(202);

	const list = await context.newPage();
	await list.goto('/customers');
	const unread = list.getByRole('row', { name: /Ada Byron/ }).getByTestId('unread-count');
	await expect(async () => {
		await list.reload();
		await expect(unread).toHaveText(/1/, { timeout: 1_000 });
	}).toPass({ timeout: 20_000 });

	await page.goto(`/customers/${customerId}/messages`);
	await expect(page.getByTestId('message').last()).toContainText('A winter wreath, please');
	// No reload of the list: it hears of the read.
	await expect(unread).toHaveCount(0, { timeout: 20_000 });
});

test('inbound email endpoint: secret, type and shape are checked', async ({ request }) => {
	const send = (headers: Record<string, string>, data: string) =>
		request.post('/api/inbound/email', { headers, data });
	const raw = rawEmail('a@example.test', 'b@example.test', 'x', 'y');
	expect((await send({ 'content-type': 'message/rfc822' }, raw)).status()).toBe(401);
	expect(
		(
			await send(
				{ authorization: 'Bearer wrong-secret-value', 'content-type': 'message/rfc822' },
				raw,
			)
		).status(),
	).toBe(401);
	const auth = { authorization: 'Bearer e2e-inbound-secret' };
	expect((await send({ ...auth, 'content-type': 'application/json' }, '{}')).status()).toBe(415);
	expect(
		(await send({ ...auth, 'content-type': 'message/rfc822' }, 'not an email at all')).status(),
	).toBe(400);
	const first = await send({ ...auth, 'content-type': 'message/rfc822' }, raw);
	const again = await send({ ...auth, 'content-type': 'message/rfc822' }, raw);
	expect((await first.json()).id).toBe((await again.json()).id);
});
