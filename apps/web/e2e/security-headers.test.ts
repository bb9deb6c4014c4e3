import { expect, type Page, test } from '@playwright/test';
import { addCustomer, mailTo, signUp, uniqueEmail } from './helpers.ts';

type Answer = { headers(): Record<string, string> } | null;

/** The headers every answer carries, whatever answers it. */
function expectSecurityHeaders(response: Answer, what: string) {
	const headers = response?.headers() ?? {};
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
	expect(headers['x-frame-options'], what).toBe('DENY');
	expect(headers['content-security-policy'], what).toMatch(/frame-ancestors 'none'/);
}

/** A page's policy: scripts only from us (plus SvelteKit's inline script, by nonce). */
function expectPagePolicy(response: Answer, what: string) {
	expectSecurityHeaders(response, what);
	const csp = response?.headers()['content-security-policy'] ?? '';
	const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
	expect(scriptSrc, what).toMatch(/^'self' 'nonce-[\w+/=]+'$/);
	expect(csp, what).toMatch(/default-src 'self'/);
	expect(csp, what).toMatch(/object-src 'none'/);
}

/** Fails the test on anything the browser refused under the policy. */
function collectCspViolations(page: Page) {
	const violations: string[] = [];
	page.on('console', (msg) => {
		if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
	});
	return violations;
}

test('public pages, the health check and the form endpoint carry the security headers', async ({
	request,
}) => {
	expectPagePolicy(await request.get('/login'), '/login');
	expectPagePolicy(await request.get('/signup'), '/signup');
	// A redirect and a 404 page: answered by SvelteKit, still with the headers.
	const redirect = await request.get('/customers', { maxRedirects: 0 });
	expect(redirect.status()).toBe(303);
	expectSecurityHeaders(redirect, 'redirect to /login');
	const missing = await request.get('/no-such-page');
	expect(missing.status()).toBe(404);
	expectPagePolicy(missing, '404 page');
	const health = await request.get('/healthz');
	expectSecurityHeaders(health, '/healthz');
	expect(health.headers()['content-security-policy']).toBe(
		"default-src 'none'; frame-ancestors 'none'",
	);

	// Answered before SvelteKit in production (serve.js → node-endpoint.ts).
	const json = await request.post('/api/forms/no-such-form-key', {
		headers: { accept: 'application/json' },
		data: { email: 'a@b.co' },
	});
	expect(json.status()).toBe(404);
	expectSecurityHeaders(json, 'form endpoint (JSON)');
	expect(json.headers()['access-control-allow-origin']).toBe('*');
	const page = await request.post('/api/forms/no-such-form-key', { form: { email: 'a@b.co' } });
	expect(page.headers()['content-type']).toMatch(/^text\/html/);
	expectSecurityHeaders(page, 'form endpoint (HTML)');
	const preflight = await request.fetch('/api/forms/no-such-form-key', { method: 'OPTIONS' });
	expectSecurityHeaders(preflight, 'form endpoint (preflight)');
});

test('signed-in pages, tRPC, PDFs and the public invoice page carry the security headers, with no CSP violations', async ({
	page,
	browser,
}) => {
	const violations = collectCspViolations(page);
	await signUp(page);
	const email = uniqueEmail('customer');
	const id = await addCustomer(page, { name: 'Ada Lovelace', email });

	// The live-update stream still connects under the policy (connect-src).
	const events = page.waitForResponse((r) => r.url().endsWith('/api/events'));
	expectPagePolicy(await page.goto('/customers'), '/customers');
	expect((await events).status()).toBe(200);
	const data = await page.request.get('/customers/__data.json');
	expectSecurityHeaders(data, '__data.json');
	const trpc = await page.request.get('/api/trpc/deliveries.failed');
	expect(trpc.status()).toBe(200);
	expectSecurityHeaders(trpc, 'tRPC');
	expect(trpc.headers()['content-security-policy']).toMatch(/default-src 'none'/);

	await page.goto(`/customers/${id}/invoices/new`);
	await page.getByLabel('Description').first().fill('Sea lavender');
	await page.getByLabel('Unit price').first().fill('12');
	await page.getByRole('button', { name: 'Save Invoice' }).click();
	await expect(page.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	const invoiceUrl = page.url();
	const appPdf = await page.request.get(`${invoiceUrl}/pdf`);
	expect(appPdf.headers()['content-type']).toBe('application/pdf');
	expectSecurityHeaders(appPdf, 'PDF in the app');

	await page.getByRole('button', { name: 'Send invoice' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByTestId('delivery-status')).toContainText(`Emailed to ${email}`, {
		timeout: 20_000,
	});
	const [mail] = await mailTo(email);
	const link = /http:\/\/localhost:\d+\/i\/[\w-]+/.exec(mail?.text ?? '')?.[0];
	expect(link).toBeTruthy();

	const customer = await browser.newPage();
	const customerViolations = collectCspViolations(customer);
	const publicPage = await customer.goto(link!);
	expect(publicPage?.status()).toBe(200);
	expectPagePolicy(publicPage, 'public invoice page');
	await expect(customer.getByRole('heading', { name: 'Invoice INV-0001' })).toBeVisible();
	const publicPdf = await customer.request.get(`${link}/pdf`);
	expect(publicPdf.headers()['content-type']).toBe('application/pdf');
	expectSecurityHeaders(publicPdf, 'public PDF');

	await page.goto('/settings');
	await page.goto('/deliveries');
	expect(violations).toEqual([]);
	expect(customerViolations).toEqual([]);
	await customer.close();
});

test('the dashboard cannot be framed, not even by a page of its own origin', async ({
	page,
	baseURL,
}) => {
	await signUp(page);
	const refused: string[] = [];
	page.on('console', (msg) => {
		if (msg.text().includes("frame-ancestors 'none'")) refused.push(msg.text());
	});
	// setContent keeps the page's origin: the frame would be same-origin and signed in.
	await page.setContent(`<iframe src="${baseURL}/customers" width="800" height="600"></iframe>`);
	await expect.poll(() => refused.length).toBeGreaterThan(0);
	const frame = page.frameLocator('iframe');
	await expect(frame.getByRole('heading', { name: 'Customers' })).toHaveCount(0);
});
