import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { listMessages } from '@rapport/db';
import { createTestBusiness, createTestCustomer } from '@rapport/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { intakeHarness, post, urlencoded } from './testing.ts';

// The whole path with nothing faked: this endpoint handler → Redis → the real worker process
// (apps/worker, started here on this file's queue prefix) → PostgreSQL.
const h = await intakeHarness();
const workerMain = fileURLToPath(new URL('../../../../../worker/src/main.ts', import.meta.url));
let worker: ChildProcess | undefined;

async function startWorker() {
	const child = spawn(process.execPath, [workerMain], {
		env: {
			...process.env,
			WORKER_SCHEDULES: 'off',
			QUEUE_PREFIX: h.prefix,
			SMTP_URL: 'smtp://127.0.0.1:1',
			LOG_LEVEL: 'info',
			WORKER_INGEST_CONCURRENCY: '50',
			INGEST_BATCH_SIZE: '20',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 20_000);
		const watch = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('worker started')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout.on('data', watch);
		child.stderr.on('data', watch);
		child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${output}`)));
	});
	return child;
}

async function stopWorker(child: ChildProcess | undefined) {
	if (!child || child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

afterAll(async () => {
	await stopWorker(worker);
	await h.close();
});

const eventually = <T>(check: () => Promise<T>) =>
	vi.waitUntil(check, { timeout: 15_000, interval: 100 });

const messagesOf = (businessId: string) =>
	h.db
		.selectFrom('messages')
		.innerJoin('customers', 'customers.id', 'messages.customerId')
		.select([
			'messages.body',
			'messages.fields',
			'messages.sourceId',
			'messages.senderName',
			'customers.id as customerId',
			'customers.name as customerName',
			'customers.businessId as customerBusinessId',
		])
		.where('messages.businessId', '=', businessId)
		.orderBy('messages.createdAt')
		.execute();

const customersOf = (businessId: string) =>
	h.db.selectFrom('customers').selectAll().where('businessId', '=', businessId).execute();

const json = { 'content-type': 'application/json', accept: 'application/json' };

describe('contact form, end to end through the worker', () => {
	let a: Awaited<ReturnType<typeof createTestBusiness>>;
	let b: Awaited<ReturnType<typeof createTestBusiness>>;
	beforeAll(async () => {
		a = await createTestBusiness(h.db);
		b = await createTestBusiness(h.db);
	});

	it('keeps what it accepted while no worker runs, and stores it all once one starts', async () => {
		const sent = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				post(
					h.intake,
					a.formKey,
					JSON.stringify({ email: `visitor-${i % 6}@example.test`, message: `note ${i}` }),
					{ headers: json },
				),
			),
		);
		expect(sent.every((r) => r.status === 202)).toBe(true);
		await new Promise((r) => setTimeout(r, 300));
		expect(await messagesOf(a.id)).toEqual([]);

		worker = await startWorker();
		const rows = await eventually(async () => {
			const rows = await messagesOf(a.id);
			return rows.length === 60 && rows;
		});
		expect(new Set(rows.map((r) => r.customerId)).size).toBe(6);
		expect((await customersOf(a.id)).length).toBe(6);
	});

	it('matches customers case-insensitively and only within the form’s business', async () => {
		const existing = await createTestCustomer(h.db, a.id, {
			name: 'Grace Hopper',
			email: 'grace@navy.example',
		});
		// Names as a website sends them, a checkbox group (one pair per ticked box), a blank field.
		const res = await post(
			h.intake,
			a.formKey,
			new URLSearchParams([
				['email', '  GRACE@Navy.Example '],
				['name', 'G. H.'],
				['colour_scheme', 'navy'],
				['how_did_you_hear', 'A friend'],
				['services', 'compilers'],
				['message', '<img src=x onerror=alert(1)>'],
				['services', 'debugging'],
				['ship', 'USS Hopper'],
				['fax', ''],
			]),
		);
		expect(res.status).toBe(303);
		expect(
			(await post(h.intake, b.formKey, urlencoded({ email: 'grace@navy.example' }))).status,
		).toBe(303);

		const [fromA] = await eventually(async () => {
			const rows = (await messagesOf(a.id)).filter((r) => r.customerId === existing.id);
			return rows.length === 1 && rows;
		});
		expect(fromA).toMatchObject({
			customerName: 'Grace Hopper',
			senderName: 'G. H.',
			body: '<img src=x onerror=alert(1)>',
		});
		// Exactly as sent, in order, every box of the group, through the camel-case plugin too.
		const sent = [
			{ name: 'email', value: '  GRACE@Navy.Example ' },
			{ name: 'name', value: 'G. H.' },
			{ name: 'colour_scheme', value: 'navy' },
			{ name: 'how_did_you_hear', value: 'A friend' },
			{ name: 'services', value: 'compilers' },
			{ name: 'message', value: '<img src=x onerror=alert(1)>' },
			{ name: 'services', value: 'debugging' },
			{ name: 'ship', value: 'USS Hopper' },
		];
		expect(fromA!.fields).toEqual(sent);
		const listed = await listMessages(h.db, a.id, existing.id, { limit: 10 });
		expect(listed.items.map((m) => m.fields)).toEqual([sent]);
		const [fromB] = await eventually(async () => {
			const rows = await messagesOf(b.id);
			return rows.length === 1 && rows;
		});
		expect(fromB!.customerId).not.toBe(existing.id);
		expect(fromB!.customerBusinessId).toBe(b.id);
	});

	it('stores a submission retried with one Idempotency-Key once', async () => {
		const business = await createTestBusiness(h.db);
		const send = () =>
			post(h.intake, business.formKey, JSON.stringify({ email: 'once@example.test' }), {
				headers: { ...json, 'idempotency-key': 'checkout-7' },
			});
		const ids = await Promise.all(
			[send(), send(), send()].map(async (r) => (await (await r).json()).id),
		);
		expect(new Set(ids).size).toBe(1);
		await eventually(async () => (await messagesOf(business.id)).length === 1);
		expect((await send()).status).toBe(202);
		await new Promise((r) => setTimeout(r, 500));
		expect((await messagesOf(business.id)).map((m) => m.sourceId)).toEqual([ids[0]]);
	});

	it('drops a filled honeypot and quarantines a form sent too fast, creating no customer', async () => {
		const business = await createTestBusiness(h.db);
		await post(
			h.intake,
			business.formKey,
			urlencoded({ email: 'bot1@spam.example', _gotcha: 'x' }),
		);
		await post(
			h.intake,
			business.formKey,
			urlencoded({ email: 'bot2@spam.example', _started: String(Date.now()) }),
		);
		const held = await eventually(() =>
			h.db
				.selectFrom('formQuarantine')
				.select(['reason', 'payload'])
				.where('businessId', '=', business.id)
				.executeTakeFirst(),
		);
		expect(held.reason).toMatch(/after the form was opened/);
		expect(held.payload).toMatchObject({ email: 'bot2@spam.example' });
		await new Promise((r) => setTimeout(r, 300));
		expect(await customersOf(business.id)).toEqual([]);
		expect(await messagesOf(business.id)).toEqual([]);
	});
});
