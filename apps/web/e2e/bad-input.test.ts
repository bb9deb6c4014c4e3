import { expect, test } from '@playwright/test';
import { signUp, uniqueEmail } from './helpers.ts';

// Bad input is the client's mistake: a 4xx with a plain reason, never a 500, and internal error
// text never reaches the client.

const password = 'tulip-vase-in-the-window';

test('sign-up: NUL is dropped, control characters and weak passwords are refused', async ({
	request,
	baseURL,
}) => {
	// As a browser's plain form post: the page answers with its own status (no JSON envelope).
	const headers = { origin: baseURL!, accept: 'text/html' };
	const post = (form: Record<string, string>) =>
		request.post('/signup', { headers, form, maxRedirects: 0 });

	const lineBreak = await post({ businessName: 'Acme\r\nLtd', email: uniqueEmail(), password });
	expect(lineBreak.status()).toBe(400);
	expect(await lineBreak.text()).toContain('Business name must be a single line');

	const weak = await post({ businessName: 'Acme', email: uniqueEmail(), password: '        ' });
	expect(weak.status()).toBe(400);
	expect(await weak.text()).toContain('Password must be at least 10 characters');

	const common = await post({
		businessName: 'Acme',
		email: uniqueEmail(),
		password: 'Password1234',
	});
	expect(common.status()).toBe(400);
	expect(await common.text()).toContain('too common');

	const badEmail = await post({ businessName: 'Acme', email: 'a\u0000@', password });
	expect(badEmail.status()).toBe(400);
	expect(await badEmail.text()).toContain('Enter a valid email address');

	// NUL is dropped (PostgreSQL cannot store it); what is left is a fine account.
	const nul = await post({
		businessName: 'Acme\u0000 Flowers',
		email: `\u0000${uniqueEmail()}`,
		password,
	});
	expect(nul.status()).toBe(303);
	expect(nul.headers().location).toBe('/customers');
});

test('log-in with a malformed multipart body is a 400 with a plain reason', async ({
	request,
	baseURL,
}) => {
	const response = await request.post('/login', {
		headers: { origin: baseURL!, 'content-type': 'multipart/form-data; boundary=nope' },
		data: 'this is not multipart at all',
	});
	expect(response.status()).toBe(400);
	const body = await response.text();
	expect(body).toContain('The form could not be read');
	expect(body).not.toMatch(/TypeError|boundary|at .*\.js/);
});

test('page loads: a bad search or id is a 4xx page inside the app, never a 500', async ({
	page,
}) => {
	await signUp(page);

	const long = await page.goto(`/customers?q=${'x'.repeat(201)}`);
	expect(long?.status()).toBe(400);
	await expect(page.getByText('Search must be at most 200 characters')).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

	const lineBreak = await page.goto('/customers?q=a%0D%0Ab');
	expect(lineBreak?.status()).toBe(400);

	expect((await page.goto('/customers?q=a%00b'))?.status()).toBe(200);
	expect((await page.goto('/customers/not-a-uuid/notes'))?.status()).toBe(404);
	expect((await page.goto('/customers/%00/invoices/%00'))?.status()).toBe(404);
	expect((await page.goto('/i/%00'))?.status()).toBe(404);
});

test('a tRPC mutation with NUL or a bad id is a 400, never the database error', async ({
	page,
	baseURL,
}) => {
	await signUp(page);
	const call = (path: string, json: unknown) =>
		page.request.post(`/api/trpc/${path}`, {
			headers: { origin: baseURL!, 'content-type': 'application/json' },
			data: { json },
		});

	const send = await call('invoices.send', { id: 'not-a-uuid' });
	expect(send.status()).toBe(400);
	const settings = await call('settings.update', {
		name: 'Shop\r\nBcc: x@example.test',
		email: '',
		address: '',
		currency: 'USD',
		invoicePrefix: 'INV-',
		paymentTermsDays: 14,
	});
	expect(settings.status()).toBe(400);
	expect(await settings.text()).toContain('single line');

	const search = await page.request.get(
		`/api/trpc/customers.list?input=${encodeURIComponent(JSON.stringify({ json: { search: 'a\u0000b' } }))}`,
	);
	expect(search.status()).toBe(200);
	expect(await search.text()).not.toMatch(/invalid byte sequence|0x00/);
});
