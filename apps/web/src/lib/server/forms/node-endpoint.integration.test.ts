import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestBusiness } from '@rapport/db/testing';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { clientAddressOf, createNodeFormEndpoint } from './node-endpoint.ts';
import { intakeHarness } from './testing.ts';

const h = await intakeHarness();
const endpoint = createNodeFormEndpoint(h.intake, pino({ level: 'silent' }));
// What serve.js does: the form endpoint first, everything else to SvelteKit (here a 418).
const server = createServer((req, res) => {
	if (endpoint(req, res)) return;
	res.writeHead(418).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await h.close();
});

describe('the form endpoint served straight from Node (serve.js)', () => {
	it('queues a JSON post and answers 202 with the submission id', async () => {
		const business = await createTestBusiness(h.db);
		const res = await fetch(`${base}/api/forms/${business.formKey}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'idempotency-key': 'node-1' },
			body: JSON.stringify({ email: 'ada@example.test', message: 'Hello', budget: '500' }),
		});
		expect(res.status).toBe(202);
		expect(res.headers.get('content-type')).toBe('application/json');
		expect(res.headers.get('access-control-allow-origin')).toBe('*');
		const { id } = (await res.json()) as { id: string };
		const [job] = await h.queued(business.id);
		expect(job).toMatchObject({ submissionId: id, email: 'ada@example.test' });
		expect(job?.fields).toContainEqual({ name: 'budget', value: '500' });
	});

	it('redirects a browser form post, and answers 404 for an unknown key', async () => {
		const business = await createTestBusiness(h.db);
		const form = new URLSearchParams({ email: 'ada@example.test', message: 'Hi' });
		const res = await fetch(`${base}/api/forms/${business.formKey}?from=site`, {
			method: 'POST',
			body: form,
			redirect: 'manual',
		});
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/forms/thanks');
		const unknown = await fetch(`${base}/api/forms/no-such-key-123`, {
			method: 'POST',
			body: form,
		});
		expect(unknown.status).toBe(404);
		expect(await unknown.text()).toContain('This form does not exist');
	});

	it('answers 413 to a body over the limit, and the CORS preflight', async () => {
		const business = await createTestBusiness(h.db);
		const huge = await fetch(`${base}/api/forms/${business.formKey}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'ada@example.test', message: 'x'.repeat(200_000) }),
		});
		expect(huge.status).toBe(413);
		expect(await h.queued(business.id)).toEqual([]);
		const preflight = await fetch(`${base}/api/forms/${business.formKey}`, { method: 'OPTIONS' });
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
	});

	it('leaves every other request to SvelteKit', async () => {
		for (const [method, path] of [
			['GET', '/api/forms/some-key-123'],
			['POST', '/api/forms/'],
			['POST', '/api/forms/a/b'],
			['POST', '/api/formsx/some-key-123'],
			['GET', '/'],
		] as const) {
			expect((await fetch(`${base}${path}`, { method })).status, `${method} ${path}`).toBe(418);
		}
	});
});

describe('client address', () => {
	const req = (headers: Record<string, string>) =>
		({ headers, socket: { remoteAddress: '127.0.0.9' } }) as unknown as IncomingMessage;

	it('is the peer unless a proxy header is configured, as in adapter-node', () => {
		expect(clientAddressOf(req({ 'x-forwarded-for': '1.1.1.1' }), {})).toBe('127.0.0.9');
		const xff = { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' };
		expect(clientAddressOf(req({ 'x-forwarded-for': '6.6.6.6, 1.1.1.1, 10.0.0.1' }), xff)).toBe(
			'1.1.1.1',
		);
		expect(clientAddressOf(req({ 'x-real-ip': '2.2.2.2' }), { ADDRESS_HEADER: 'x-real-ip' })).toBe(
			'2.2.2.2',
		);
	});
});
