import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { signUp, uniqueEmail } from './helpers.ts';

/** A business's own website: another origin (127.0.0.1, a port of its own) serving its pages. */
async function serveWebsite(pages: Record<string, string>) {
	const server = createServer((req, res) => {
		const page = pages[req.url ?? '/'];
		res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
		res.end(page ?? 'not found');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const html = (body: string) =>
	`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Petal Shop</title></head><body><h1>Petal Shop</h1>${body}</body></html>`;

/**
 * The snippet exactly as Settings shows it, plus fields of the business's own: snake_case names
 * (that camel-casing used to rewrite), names out of alphabetical order, a checkbox group, and
 * a field left empty.
 */
async function copySnippet(page: Page) {
	await page.goto('/settings');
	const url = await page.getByLabel('Form URL', { exact: true }).inputValue();
	const snippet = await page.getByLabel('HTML snippet', { exact: true }).inputValue();
	const extra = [
		'<label>Colour scheme <input type="text" name="colour_scheme"></label>',
		'<label>How did you hear about us? <input type="text" name="how_did_you_hear"></label>',
		'<label>Zeta <input type="text" name="zeta"></label>',
		'<label>Alpha <input type="text" name="alpha"></label>',
		'<label>Service <input type="text" name="service"></label>',
		'<label><input type="checkbox" name="extras" value="Ribbon"> Ribbon</label>',
		'<label><input type="checkbox" name="extras" value="Vase"> Vase</label>',
		'<label><input type="checkbox" name="extras" value="Card"> Card</label>',
		'<label>Notes <input type="text" name="notes"></label>',
	]
		.map((line) => `  ${line}\n`)
		.join('');
	return { url, snippet: snippet.replace('  <button type="submit">', `${extra}$&`) };
}

async function customerListShows(page: Page, text: string) {
	await expect(async () => {
		await page.goto('/customers');
		await expect(page.getByRole('link', { name: text })).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 20_000 });
}

async function storedFormMessage(email: string) {
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		const { rows } = await client.query(
			`select m.body, m.fields, m.subject, c.name, c.email
			 from messages m join customers c on c.id = m.customer_id
			 where m.channel = 'form' and lower(m.sender_email) = lower($1)`,
			[email],
		);
		return rows as {
			body: string;
			fields: { name: string; value: string }[];
			subject: string;
			name: string;
		}[];
	} finally {
		await client.end();
	}
}

test('a contact form on another website lands on the thank-you page and in the customer’s Messages', async ({
	page,
	baseURL,
}) => {
	await signUp(page, 'Petal Shop');
	const { snippet } = await copySnippet(page);
	const site = await serveWebsite({ '/contact': html(snippet) });
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	try {
		const email = uniqueEmail('visitor');
		await page.goto(`${site.url}/contact`);
		await page.getByLabel('Name').fill('Ada Visitor');
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Phone').fill('+44 20 7946 0018');
		await page.getByLabel('Message').fill('<b>Hi</b> <script>alert("x")</script>');
		await page.getByLabel('Colour scheme').fill('white_and_green');
		await page.getByLabel('How did you hear about us?').fill('A friend');
		// One long unbroken value: it must wrap inside the bubble.
		const long = `https://example.test/${'x'.repeat(300)}`;
		await page.getByLabel('Zeta').fill(long);
		await page.getByLabel('Alpha').fill('first letter');
		await page.getByLabel('Service').fill('Wedding bouquet');
		await page.getByLabel('Ribbon').check();
		await page.getByLabel('Card').check();
		// A person who took ten seconds to write (the snippet stamped the page-load time).
		await page.evaluate(() => {
			const started = document.querySelector<HTMLInputElement>('input[name="_started"]')!;
			started.value = String(Number(started.value) - 10_000);
		});
		await page.getByRole('button', { name: 'Send' }).click();

		await expect(page).toHaveURL(`${baseURL}/forms/thanks`);
		await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

		await customerListShows(page, 'Ada Visitor');
		await expect(page.getByText(email)).toBeVisible();
		const [message] = await storedFormMessage(email);
		expect(message).toMatchObject({
			subject: 'Contact form',
			name: 'Ada Visitor',
			body: '<b>Hi</b> <script>alert("x")</script>',
			// Names exactly as sent, in the form's order, both ticked boxes, no empty Notes.
			fields: [
				{ name: 'name', value: 'Ada Visitor' },
				{ name: 'email', value: email },
				{ name: 'phone', value: '+44 20 7946 0018' },
				{ name: 'message', value: '<b>Hi</b> <script>alert("x")</script>' },
				{ name: 'colour_scheme', value: 'white_and_green' },
				{ name: 'how_did_you_hear', value: 'A friend' },
				{ name: 'zeta', value: long },
				{ name: 'alpha', value: 'first letter' },
				{ name: 'service', value: 'Wedding bouquet' },
				{ name: 'extras', value: 'Ribbon' },
				{ name: 'extras', value: 'Card' },
			],
		});

		// The Messages tab shows the submission as text, never as markup, with every field under
		// its own name in the order sent (the message itself is the bubble's text).
		await page.getByRole('link', { name: 'Ada Visitor' }).click();
		await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}\/messages$/);
		const bubble = page.getByTestId('message').first();
		await expect(bubble).toContainText('<script>alert("x")</script>');
		const shown = bubble.getByTestId('form-fields');
		await expect(shown.locator('dt')).toHaveText([
			'name',
			'email',
			'phone',
			'colour_scheme',
			'how_did_you_hear',
			'zeta',
			'alpha',
			'service',
			'extras',
		]);
		await expect(shown.locator('dd')).toHaveText([
			'Ada Visitor',
			email,
			'+44 20 7946 0018',
			'white_and_green',
			'A friend',
			long,
			'first letter',
			'Wedding bouquet',
			'Ribbon, Card',
		]);
		// The long value wraps: nothing inside the bubble is wider than the bubble.
		const overflow = await bubble.evaluate((el) => {
			const box = el.firstElementChild as HTMLElement;
			return box.scrollWidth - box.clientWidth;
		});
		expect(overflow).toBeLessThanOrEqual(0);
		expect(dialogs).toEqual([]);
	} finally {
		await site.close();
	}
});

test('a form sent seconds after opening waits in Quarantine until marked “Not spam” or deleted', async ({
	page,
	baseURL,
}) => {
	await signUp(page);
	const { snippet } = await copySnippet(page);
	const site = await serveWebsite({
		'/': html(
			snippet.replace('<button', '<input type="hidden" name="_next" value="/sent">\n  <button'),
		),
		'/sent': html('<p>Thanks from the shop itself</p>'),
	});
	try {
		const email = uniqueEmail('hasty');
		await page.goto(site.url);
		await page.getByLabel('Email').fill(email);
		await page.getByRole('button', { name: 'Send' }).click();
		// `_next` is on the posting site's own host, so the visitor goes back there.
		await expect(page).toHaveURL(`${site.url}/sent`);
		await expect(page.getByText('Thanks from the shop itself')).toBeVisible();
		const spam = uniqueEmail('spam');
		await page.goto(site.url);
		await page.getByLabel('Email').fill(spam);
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page).toHaveURL(`${site.url}/sent`);

		const held = page.getByRole('list', { name: 'Held submissions' }).getByRole('listitem');
		await expect(async () => {
			await page.goto(`${baseURL}/settings`);
			await expect(held.filter({ hasText: email })).toBeVisible({ timeout: 1_000 });
			await expect(held.filter({ hasText: spam })).toBeVisible({ timeout: 1_000 });
		}).toPass({ timeout: 20_000 });
		await expect(held.filter({ hasText: email })).toContainText('after the form was opened');
		await page.goto('/customers');
		await expect(page.getByText(email)).toHaveCount(0);

		await page.goto('/settings');
		await held.filter({ hasText: email }).getByRole('button', { name: 'Not spam' }).click();
		await expect(page.getByText(/^Released/)).toBeVisible();
		await expect(held.filter({ hasText: email })).toHaveCount(0);

		await held.filter({ hasText: spam }).getByRole('button', { name: 'Delete' }).click();
		const dialog = page.getByRole('alertdialog', { name: 'Delete this submission?' });
		await dialog.getByRole('button', { name: 'Delete' }).click();
		await expect(held.filter({ hasText: spam })).toHaveCount(0);
		await page.reload();
		await expect(held.filter({ hasText: spam })).toHaveCount(0);
		await customerListShows(page, email);
		await expect(page.getByText(spam)).toHaveCount(0);
	} finally {
		await site.close();
	}
});

test('fetch() from another origin gets 202 through CORS; a rotated key answers 404', async ({
	page,
}) => {
	await signUp(page);
	const { url } = await copySnippet(page);
	const site = await serveWebsite({ '/': html('<p>Shop</p>') });
	const send = (formUrl: string) =>
		page.evaluate(async (target) => {
			const res = await fetch(target, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'idempotency-key': 'order-1' },
				body: JSON.stringify({ email: 'fetch@example.test', message: 'Via fetch' }),
			});
			return { status: res.status, body: await res.json() };
		}, formUrl);
	try {
		await page.goto(site.url);
		const first = await send(url);
		expect(first.status).toBe(202);
		expect(first.body.id).toMatch(/^[0-9a-f-]{36}$/);
		expect((await send(url)).body.id).toBe(first.body.id);

		await page.goto('/settings');
		await page.getByRole('button', { name: 'Rotate key' }).click();
		await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate key' }).click();
		await expect(page.getByLabel('Form URL', { exact: true })).not.toHaveValue(url);

		await page.goto(site.url);
		expect(await send(url)).toMatchObject({ status: 404 });
	} finally {
		await site.close();
	}
});

test('only the public endpoints take cross-site form posts', async ({ request }) => {
	const evil = { origin: 'https://evil.example' };
	const signup = await request.post('/signup', {
		headers: evil,
		form: { businessName: 'X', email: uniqueEmail(), password: 'long-enough-pw' },
	});
	expect(signup.status()).toBe(403);
	const login = await request.post('/login', { headers: evil, form: { email: 'a@b.co' } });
	expect(login.status()).toBe(403);

	const form = await request.post('/api/forms/no-such-form-key', {
		headers: evil,
		form: { email: 'a@b.co' },
	});
	expect(form.status()).toBe(404);
	expect(form.headers()['access-control-allow-origin']).toBe('*');

	const preflight = await request.fetch('/api/forms/no-such-form-key', {
		method: 'OPTIONS',
		headers: {
			...evil,
			'access-control-request-method': 'POST',
			'access-control-request-headers': 'content-type, idempotency-key',
		},
	});
	expect(preflight.status()).toBe(204);
	expect(preflight.headers()['access-control-allow-headers']).toMatch(/Idempotency-Key/);
});
