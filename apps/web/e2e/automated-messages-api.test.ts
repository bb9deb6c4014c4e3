import { randomUUID } from 'node:crypto';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { mailTo, signUp, uniqueEmail } from './helpers.ts';

/** Creates a key in Settings → API keys and reads it from the one time it is shown. */
async function createKey(page: Page, name: string) {
	await page.goto('/settings');
	const section = page.getByRole('region', { name: 'API keys' });
	await section.getByLabel('Name').fill(name);
	await section.getByRole('button', { name: 'Create API key' }).click();
	const shown = section.getByLabel(`Your new key “${name}”`);
	await expect(shown).toHaveValue(/^rapport_[A-Za-z0-9_-]{43}$/);
	await expect(section.getByText('it won’t be shown again')).toBeVisible();
	const key = await shown.inputValue();
	await section.getByRole('button', { name: 'Done' }).click();
	return key;
}

const post = (request: APIRequestContext, key: string | null, data: unknown) =>
	request.post('/api/v1/messages', {
		headers: key ? { authorization: `Bearer ${key}` } : {},
		data: data as Record<string, unknown>,
	});

const rawReply = (from: string, to: string, subject: string, body: string) =>
	`From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@customer.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;

test('automated messages API: a booking confirmation reaches the customer, and their reply threads back', async ({
	page,
	request,
}) => {
	await signUp(page, 'Bloom Salon');
	const key = await createKey(page, 'Calendly');
	const to = uniqueEmail('booker');
	const localPart = to.split('@')[0]!;

	const posted = await post(request, key, {
		to,
		subject: 'Booking confirmation',
		text: 'Your haircut is booked for Friday at 10:00.',
		html: '<p>Your haircut is booked</p>',
	});
	expect(posted.status()).toBe(202);
	const { id } = (await posted.json()) as { id: string };
	expect(id).toMatch(/^[0-9a-f-]{36}$/);

	// The worker sends it through the outbox, with the customer's Reply-To token.
	let replyTo = '';
	await expect
		.poll(
			async () => {
				const [mail] = await mailTo(to);
				replyTo = (mail as unknown as { replyTo?: string } | undefined)?.replyTo ?? '';
				return mail?.subject;
			},
			{ timeout: 20_000 },
		)
		.toBe('Booking confirmation');
	expect(replyTo).toMatch(/^reply\+[0-9a-f]{32}@rapport\.test$/);
	const [mail] = await mailTo(to);
	expect(mail?.text).toContain('Your haircut is booked for Friday at 10:00.');
	expect(mail?.from[0]?.name).toBe('Bloom Salon');

	// The customer replies by email; the inbound endpoint threads it to them.
	const reply = await request.post('/api/inbound/email', {
		headers: { authorization: 'Bearer e2e-inbound-secret', 'content-type': 'message/rfc822' },
		data: rawReply(to, replyTo, 'Re: Booking confirmation', 'Could we make it 11:00 instead?'),
	});
	expect(reply.status()).toBe(202);

	// A new customer, named after the email's local part; the message is marked automated with
	// the key's name, delivered, and the reply follows it.
	await page.goto('/customers');
	await page.getByRole('link', { name: localPart }).click();
	await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}\/messages$/);
	const automated = page.getByTestId('message').filter({ hasText: 'Booking confirmation' }).first();
	await expect(automated).toContainText('Automated');
	await expect(automated).toContainText('from Calendly key');
	await expect(automated.getByTestId('delivery-state')).toContainText('Sent');
	await expect(page.getByTestId('message').last()).toContainText(
		'Could we make it 11:00 instead?',
		{
			timeout: 20_000,
		},
	);

	// The same idempotencyKey twice: one message, the same id.
	const again = { to, subject: 'Reminder: Friday', text: 'See you soon.', idempotencyKey: 'bk-7' };
	const first = await post(request, key, again);
	const second = await post(request, key, again);
	expect([first.status(), second.status()]).toEqual([202, 202]);
	expect((await second.json()).id).toBe((await first.json()).id);
	await page.reload();
	await expect(page.getByTestId('message').filter({ hasText: 'Reminder: Friday' })).toHaveCount(1);

	// Bad input: 400 with the field named, 413 past the size limit; nothing is stored.
	const crlf = await post(request, key, { to, subject: 'Hi\r\nBcc: all@example.test', text: 'x' });
	expect(crlf.status()).toBe(400);
	expect((await crlf.json()).fieldErrors.subject[0]).toMatch(/single line/);
	const huge = await post(request, key, { to, subject: 'Big', text: 'x'.repeat(300 * 1024) });
	expect(huge.status()).toBe(413);
	const notJson = await request.post('/api/v1/messages', {
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		data: '{"to":',
	});
	expect(notJson.status()).toBe(400);

	// Revoked in Settings: the key gets 401 from then on.
	await page.goto('/settings');
	const section = page.getByRole('region', { name: 'API keys' });
	await expect(section.getByTestId('api-key').filter({ hasText: 'Calendly' })).toContainText(
		'Last used',
	);
	await section.getByRole('button', { name: 'Revoke Calendly' }).click();
	await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke key' }).click();
	await expect(section.getByTestId('api-key').filter({ hasText: 'Calendly' })).toContainText(
		'Revoked',
	);
	const revoked = await post(request, key, { to, subject: 'Late', text: 'x' });
	expect(revoked.status()).toBe(401);
	expect(revoked.headers()['www-authenticate']).toMatch(/^Bearer/);
	expect((await revoked.json()).error).toMatch(/API key/);
});

test('automated messages API: wrong or missing keys get 401; a key is rate limited; the document is served', async ({
	page,
	request,
}) => {
	const body = { to: uniqueEmail('x'), subject: 'Hi', text: 'Hello' };
	for (const key of [null, 'rapport_wrong', `rapport_${'A'.repeat(43)}`]) {
		const answer = await post(request, key, body);
		expect(answer.status()).toBe(401);
		expect(answer.headers()['www-authenticate']).toMatch(/^Bearer/);
	}

	await signUp(page);
	const key = await createKey(page, 'Shop');
	// 60 requests a minute per key (bad bodies still count); the next one waits.
	const answers = await Promise.all(
		Array.from({ length: 60 }, () => post(request, key, { subject: 'no recipient' })),
	);
	expect(new Set(answers.map((a) => a.status()))).toEqual(new Set([400]));
	const limited = await post(request, key, body);
	expect(limited.status()).toBe(429);
	expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);

	await page.goto('/settings');
	const docs = page.getByRole('region', { name: 'API keys' }).getByRole('link', {
		name: 'API documentation',
	});
	await expect(docs).toHaveAttribute('href', '/api/v1/openapi.json');
	const document = await request.get('/api/v1/openapi.json');
	expect(document.status()).toBe(200);
	const openapi = await document.json();
	expect(openapi.openapi).toBe('3.1.0');
	expect(
		openapi.paths['/api/v1/messages'].post.requestBody.content['application/json'].schema.required,
	).toEqual(['to', 'subject', 'text']);
});
