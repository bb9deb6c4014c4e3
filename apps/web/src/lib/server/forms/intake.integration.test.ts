import { createJobProducer, FORM_SUBMISSIONS_PER_JOB, parseJobPayload } from '@rapport/api/jobs';
import { rotateFormKey } from '@rapport/db';
import { createTestBusiness } from '@rapport/db/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createFormIntake } from './intake.ts';
import { createFormRateLimiter } from './rate-limit.ts';
import { closedPort, intakeHarness, post, producerRedis, urlencoded } from './testing.ts';

const h = await intakeHarness();
afterAll(() => h.close());

const json = { 'content-type': 'application/json', accept: 'application/json' };
const jsonBody = (value: unknown) => JSON.stringify(value);

describe('POST /api/forms/{formKey}', () => {
	it('takes a browser form post, queues every field, and redirects to the thank-you page', async () => {
		const business = await createTestBusiness(h.db);
		const res = await post(
			h.intake,
			business.formKey,
			urlencoded({
				name: 'Eve\r\nBcc: victim@example.test',
				email: 'Eve@Example.test',
				phone: '+1 555 0100',
				message: '<script>alert(1)</script>',
				budget: '500',
				_gotcha: '',
				_started: '1700000000000',
			}),
		);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/forms/thanks');
		expect(res.headers.get('access-control-allow-origin')).toBe('*');

		const [queuedJob] = await h.queue.getJobs(['waiting']);
		expect(queuedJob?.name).toBe('ingest-form-submissions');
		expect(queuedJob?.opts.attempts).toBe(15);
		const [job] = await h.queued(business.id);
		expect(job).toMatchObject({
			businessId: business.id,
			email: 'Eve@Example.test',
			name: 'Eve\r\nBcc: victim@example.test',
			message: '<script>alert(1)</script>',
			startedAt: 1700000000000,
			fields: [
				{ name: 'name', value: 'Eve\r\nBcc: victim@example.test' },
				{ name: 'email', value: 'Eve@Example.test' },
				{ name: 'phone', value: '+1 555 0100' },
				{ name: 'message', value: '<script>alert(1)</script>' },
				{ name: 'budget', value: '500' },
			],
		});
		expect(Date.parse(job!.acceptedAt)).toBeGreaterThan(Date.now() - 60_000);
	});

	it('redirects to _next only on the host of the page that posted the form', async () => {
		const business = await createTestBusiness(h.db);
		const send = (next: string) =>
			post(h.intake, business.formKey, urlencoded({ email: 'a@b.co', _next: next }), {
				headers: { origin: 'https://shop.example' },
			});
		expect((await send('https://shop.example/thanks')).headers.get('location')).toBe(
			'https://shop.example/thanks',
		);
		expect((await send('/merci')).headers.get('location')).toBe('https://shop.example/merci');
		expect((await send('https://evil.example/')).headers.get('location')).toBe('/forms/thanks');
	});

	it('answers fetch callers with 202 and the submission id, for multipart and JSON', async () => {
		const business = await createTestBusiness(h.db);
		const form = new FormData();
		form.set('email', 'multi@example.test');
		form.set('message', 'Hi from multipart');
		form.set('colour', 'green');
		form.set('attachment', new Blob(['binary \xff']), 'cv.pdf');
		const multipart = await post(h.intake, business.formKey, form, {
			headers: { accept: 'application/json' },
		});
		expect(multipart.status).toBe(202);
		const { id } = (await multipart.json()) as { id: string };
		expect(id).toMatch(/^[0-9a-f-]{36}$/);

		const viaJson = await post(
			h.intake,
			business.formKey,
			jsonBody({ email: 'json@example.test', name: 'J', newsletter: true, topics: ['a', 'b'] }),
			{ headers: json },
		);
		expect(viaJson.status).toBe(202);

		const jobs = await h.queued(business.id);
		const byEmail = Object.fromEntries(jobs.map((j) => [j.email, j]));
		expect(byEmail['multi@example.test']).toMatchObject({
			submissionId: id,
			fields: [
				{ name: 'email', value: 'multi@example.test' },
				{ name: 'message', value: 'Hi from multipart' },
				{ name: 'colour', value: 'green' },
			],
		});
		expect(byEmail['json@example.test']?.fields).toEqual([
			{ name: 'email', value: 'json@example.test' },
			{ name: 'name', value: 'J' },
			{ name: 'newsletter', value: 'true' },
			{ name: 'topics', value: 'a' },
			{ name: 'topics', value: 'b' },
		]);
	});

	it('refuses a missing or invalid email with field-level reasons', async () => {
		const business = await createTestBusiness(h.db);
		const missing = await post(h.intake, business.formKey, jsonBody({ name: 'X' }), {
			headers: json,
		});
		expect(missing.status).toBe(400);
		expect(await missing.json()).toEqual({
			error: 'Please correct the highlighted fields.',
			fieldErrors: { email: ['Email is required'] },
		});

		const invalid = await post(h.intake, business.formKey, urlencoded({ email: 'nope' }), {
			headers: { accept: 'application/json' },
		});
		expect(await invalid.json()).toMatchObject({
			fieldErrors: { email: ['Enter a valid email address'] },
		});

		// A browser gets a readable page, with whatever it sent escaped.
		const page = await post(h.intake, business.formKey, urlencoded({ email: '<b>x' }));
		expect(page.status).toBe(400);
		expect(page.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await page.text()).toContain('email: Enter a valid email address');
		expect(await h.queued(business.id)).toEqual([]);
	});

	it('limits each field and the whole body', async () => {
		const business = await createTestBusiness(h.db);
		const huge = await post(
			h.intake,
			business.formKey,
			jsonBody({ email: 'a@b.co', message: 'x'.repeat(10_001) }),
			{ headers: json },
		);
		expect(huge.status).toBe(400);
		expect(await huge.json()).toMatchObject({
			fieldErrors: { message: ['Message must be at most 10000 characters'] },
		});

		const big = 'x'.repeat(70 * 1024);
		const declared = await post(h.intake, business.formKey, urlencoded({ email: 'a@b.co', big }));
		expect(declared.status).toBe(413);

		// Streamed without a length: still cut off at 64 KB.
		const chunk = new TextEncoder().encode(`email=a%40b.co&big=${'y'.repeat(16 * 1024)}`);
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent++ < 8) controller.enqueue(chunk);
				else controller.close();
			},
		});
		const streamed = await post(h.intake, business.formKey, stream, {
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		});
		expect(streamed.status).toBe(413);
		expect(await h.queued(business.id)).toEqual([]);
	});

	it('refuses bodies that are not UTF-8, malformed, or of another type', async () => {
		const business = await createTestBusiness(h.db);
		const send = (body: BodyInit, type: string) =>
			post(h.intake, business.formKey, body, {
				headers: { 'content-type': type, accept: 'application/json' },
			});
		const form = 'application/x-www-form-urlencoded';
		const raw = new Uint8Array([...new TextEncoder().encode('email=a%40b.co&name='), 0xff, 0xfe]);
		expect((await send(raw, form)).status).toBe(400);
		expect((await send('email=a%40b.co&name=%FF', form)).status).toBe(400);
		const badJson = new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]);
		const invalid = await send(badJson, 'application/json');
		expect(await invalid.json()).toEqual({
			error: 'The submission is not valid UTF-8.',
			fieldErrors: { form: ['The submission is not valid UTF-8.'] },
		});
		expect((await send('{"email": ', 'application/json')).status).toBe(400);
		expect((await send('["a@b.co"]', 'application/json')).status).toBe(400);
		expect((await send('{"email": {"x": 1}}', 'application/json')).status).toBe(400);
		expect((await send('email=a@b.co', 'text/plain')).status).toBe(415);
		expect(await h.queued(business.id)).toEqual([]);
	});

	it('answers 404 for an unknown or rotated key', async () => {
		const business = await createTestBusiness(h.db);
		const body = () => urlencoded({ email: 'a@b.co' });
		expect((await post(h.intake, 'no-such-key-here', body())).status).toBe(404);
		expect((await post(h.intake, 'bad key!', body())).status).toBe(404);

		const newKey = await rotateFormKey(h.db, business.id);
		const old = await post(h.intake, business.formKey, body(), {
			headers: { accept: 'application/json' },
		});
		expect(old.status).toBe(404);
		expect(await old.json()).toEqual({ error: 'This form does not exist or its key was changed.' });
		expect((await post(h.intake, newKey!, body())).status).toBe(303);
		expect(await h.queued(business.id)).toHaveLength(1);
	});

	it('answers success to a filled honeypot and queues nothing', async () => {
		const business = await createTestBusiness(h.db);
		const browser = await post(
			h.intake,
			business.formKey,
			urlencoded({ email: 'bot@spam.example', _gotcha: 'http://spam.example' }),
		);
		expect(browser.status).toBe(303);
		const api = await post(
			h.intake,
			business.formKey,
			jsonBody({ email: 'not even valid', _gotcha: 'x' }),
			{ headers: json },
		);
		expect(api.status).toBe(202);
		expect(await h.queued(business.id)).toEqual([]);
	});

	it('queues submissions that arrive together in few jobs of at most 20', async () => {
		const business = await createTestBusiness(h.db);
		const replies = await Promise.all(
			Array.from({ length: 45 }, (_, i) =>
				post(h.intake, business.formKey, jsonBody({ email: `burst-${i}@example.test` }), {
					headers: json,
				}),
			),
		);
		expect(replies.map((r) => r.status)).toEqual(Array(45).fill(202));
		expect(await h.queued(business.id)).toHaveLength(45);
		const sizes = (await h.queue.getJobs(['waiting']))
			.map((job) => parseJobPayload('ingest-form-submissions', job.data).submissions)
			.filter((group) => group[0]?.businessId === business.id)
			.map((group) => group.length);
		expect(sizes.length).toBeLessThan(45);
		expect(Math.max(...sizes)).toBeLessThanOrEqual(FORM_SUBMISSIONS_PER_JOB);
	});

	it('answers a retried submission with the same Idempotency-Key with the same id', async () => {
		const a = await createTestBusiness(h.db);
		const b = await createTestBusiness(h.db);
		const send = (formKey: string, key: string) =>
			post(h.intake, formKey, jsonBody({ email: 'retry@example.test' }), {
				headers: { ...json, 'idempotency-key': key },
			});
		const ids = async (res: Promise<Response>) => ((await (await res).json()) as { id: string }).id;
		const first = await ids(send(a.formKey, 'order-42'));
		expect(await ids(send(a.formKey, 'order-42'))).toBe(first);
		const other = await ids(send(a.formKey, 'order-43'));
		expect(other).not.toBe(first);
		expect(await ids(send(b.formKey, 'order-42'))).not.toBe(first);
		// Both copies are queued under one id; the worker stores it once (pipeline test).
		const queuedIds = (await h.queued(a.id)).map((j) => j.submissionId);
		expect(queuedIds.sort()).toEqual([first, first, other].sort());

		const bad = await post(h.intake, a.formKey, jsonBody({ email: 'x@y.co' }), {
			headers: { ...json, 'idempotency-key': 'has spaces' },
		});
		expect(bad.status).toBe(400);
	});

	/** An endpoint with tight limits, and a sender from a given address of this run only. */
	async function limitedEndpoint(limits: { perIpPerMin: number; perKeyPerMin: number }) {
		const redis = await producerRedis();
		const business = await createTestBusiness(h.db);
		const limited = createFormIntake({
			db: h.db,
			redis,
			jobs: createJobProducer(redis, h.prefix),
			limiter: createFormRateLimiter(redis, limits),
		});
		// Counters live in Redis for a minute: addresses of this run only.
		const run = `${Date.now()}`.slice(-6);
		const send = (ip: string) =>
			post(limited, business.formKey, jsonBody({ email: 'a@b.co' }), {
				headers: json,
				ip: `${ip}-${run}`,
			});
		return { business, send, close: () => redis.disconnect() };
	}

	it('rate-limits per IP and per form key, with Retry-After', async () => {
		const { business, send, close } = await limitedEndpoint({ perIpPerMin: 2, perKeyPerMin: 3 });
		expect((await send('192.0.2.1')).status).toBe(202);
		expect((await send('192.0.2.1')).status).toBe(202);
		const tooMany = await send('192.0.2.1');
		expect(tooMany.status).toBe(429);
		expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(tooMany.headers.get('access-control-expose-headers')).toBe('Retry-After');
		// Another visitor is fine until the form key itself has had its 3 per minute.
		expect((await send('192.0.2.2')).status).toBe(202);
		expect((await send('192.0.2.3')).status).toBe(429);
		expect(await h.queued(business.id)).toHaveLength(3);
		close();
	});

	it('holds a burst sent at once to the same limits as requests sent one by one', async () => {
		const { business, send, close } = await limitedEndpoint({ perIpPerMin: 3, perKeyPerMin: 5 });
		const statuses = async (ips: string[]) =>
			(await Promise.all(ips.map(send))).map((r) => r.status);
		// One IP sends 6 at once: its limit of 3 passes, and its 3 extra use none of the key's 5.
		expect(await statuses(Array(6).fill('198.51.100.1'))).toEqual([202, 202, 202, 429, 429, 429]);
		// Two more visitors at once: the key's last 2 points, then the key is full for everyone.
		expect(await statuses(['198.51.100.2', '198.51.100.3', '198.51.100.4'])).toEqual([
			202, 202, 429,
		]);
		expect(await h.queued(business.id)).toHaveLength(5);
		close();
	});

	it('answers 503, never 202, when Redis is down, and queues nothing', async () => {
		const business = await createTestBusiness(h.db);
		const down = new Redis(`redis://127.0.0.1:${await closedPort()}`, {
			enableOfflineQueue: false,
			maxRetriesPerRequest: 1,
		});
		down.on('error', () => {});
		const body = () => jsonBody({ email: 'a@b.co' });

		const allDown = createFormIntake({
			db: h.db,
			redis: down,
			jobs: createJobProducer(down, h.prefix),
			limiter: createFormRateLimiter(down, { perIpPerMin: 100, perKeyPerMin: 100 }),
		});
		const res = await post(allDown, business.formKey, body(), { headers: json });
		expect(res.status).toBe(503);
		expect(res.headers.get('retry-after')).toBe('5');

		// The counters answer but the queue's connection is gone: still no false 202.
		const queueDown = createFormIntake({
			db: h.db,
			redis: down,
			jobs: createJobProducer(down, h.prefix),
			limiter: createFormRateLimiter(h.redis, { perIpPerMin: 100, perKeyPerMin: 100 }),
		});
		expect((await post(queueDown, business.formKey, body(), { headers: json })).status).toBe(503);
		expect(await h.queued(business.id)).toEqual([]);
		down.disconnect();
	});
});
