import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayUtc } from '@rapport/api/domain';
import { createJobProducer } from '@rapport/api/jobs';
import { callerFor, useHarness } from '@rapport/api/testing';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { eventually } from './testing/eventually.ts';
import { closedPort, type SmtpSink, startSmtpSink } from './testing/smtp-sink.ts';
import { startWorkers } from './worker.ts';

const { db, redis, prefix, signedIn } = useHarness();
const ORIGIN = 'http://localhost:4999';
let sink: SmtpSink;
let workers: Awaited<ReturnType<typeof startWorkers>>;

beforeAll(async () => {
	sink = await startSmtpSink({ rejectRecipient: /^bounce@/ });
	workers = await startWorkers({
		connection: redis.duplicate({ maxRetriesPerRequest: null }),
		deps: {
			db,
			log: pino({ level: 'silent' }),
			mailer: createMailer(sink.url, 'Bloom <billing@rapport.test>'),
			templates: loadEmailTemplates(),
			origin: ORIGIN,
			mailDomain: 'rapport.test',
		},
		concurrency: 5,
		prefix,
		schedules: false,
	});
});

afterAll(async () => {
	await workers.close();
	await sink.close();
});

async function draftInvoice(email: string | null) {
	const session = await signedIn({ name: 'Bloom & Co.' });
	const customer = await session.caller.customers.create({
		name: 'Zoë Ångström',
		email: email ?? '',
	});
	const invoice = await session.caller.invoices.create({
		customerId: customer.id,
		issueDate: todayUtc(),
		dueDate: todayUtc(),
		notes: 'Thank you!',
		items: [
			{ description: 'Bridal bouquet', quantity: '1.5', unitPrice: '80.00' },
			{ description: '<b>Buttonholes</b>', quantity: '2', unitPrice: '19.99' },
		],
	});
	return { ...session, customer, invoice };
}

const emailsTo = (address: string) =>
	sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes(address));
const invoiceStatus = async (id: string) =>
	await db
		.selectFrom('invoices')
		.select(['status', 'publicToken'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();

describe('invoice delivery', () => {
	it('issues the invoice, then emails it once from the business with HTML, text, the issued PDF and a reply token', async () => {
		const address = `zoe-${Date.now()}@example.test`;
		const { caller, invoice, customer } = await draftInvoice(address);
		await Promise.all([
			caller.invoices.send({ id: invoice.id }),
			caller.invoices.send({ id: invoice.id }),
		]);

		// Issued before any email goes out: delivery is a separate fact.
		expect((await invoiceStatus(invoice.id)).status).toBe('sent');
		await eventually(async () => emailsTo(address).length > 0);
		const [mail] = emailsTo(address);
		expect(emailsTo(address)).toHaveLength(1);
		expect(mail?.subject).toBe('Invoice INV-0001 from Bloom & Co.');
		expect(mail?.html).toContain('$159.98');
		expect(mail?.html).toContain('&lt;b&gt;Buttonholes&lt;/b&gt;');
		expect(mail?.text).toContain('Total: $159.98');

		const { publicToken } = await invoiceStatus(invoice.id);
		expect(publicToken!.length).toBeGreaterThanOrEqual(22);
		expect(mail?.text).toContain(`${ORIGIN}/i/${publicToken}`);

		const replyToken = (
			await db
				.selectFrom('customers')
				.select('replyToken')
				.where('id', '=', customer.id)
				.executeTakeFirstOrThrow()
		).replyToken;
		expect(mail?.replyTo?.text).toBe(`reply+${replyToken}@rapport.test`);
		expect(mail?.messageId).toMatch(/@rapport\.test>$/);
		expect(mail?.from?.value).toEqual([{ name: 'Bloom & Co.', address: 'billing@rapport.test' }]);

		const pdf = mail?.attachments.find((a) => a.filename === 'INV-0001.pdf');
		expect(pdf?.contentType).toBe('application/pdf');
		const file = join(mkdtempSync(join(tmpdir(), 'rapport-')), 'invoice.pdf');
		writeFileSync(file, pdf!.content);
		const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
		expect(text).toContain('INV-0001');
		expect(text).toContain('$159.98');
		// The customer's copy is the issued invoice: never watermarked or badged as a draft.
		expect(text.toLowerCase()).not.toContain('draft');

		// The outbound message is on the customer's Messages tab, sent, with the server's reply.
		const message = await eventually(async () => {
			const row = await db
				.selectFrom('messages')
				.select(['deliveryState', 'smtpResponse', 'subject', 'rfcMessageId'])
				.where('invoiceId', '=', invoice.id)
				.executeTakeFirstOrThrow();
			return row.deliveryState === 'sent' && row;
		});
		expect(message).toMatchObject({
			deliveryState: 'sent',
			subject: 'Invoice INV-0001 from Bloom & Co.',
		});
		expect(message.smtpResponse).toMatch(/^250/);
		expect(message.rfcMessageId).toBe(mail?.messageId);

		// Private notes of the business never reach the customer.
		await caller.notes.create({ customerId: customer.id, body: 'PRIVATE-NOTE-MARKER' });
		expect(JSON.stringify([mail?.html, mail?.text, text])).not.toContain('PRIVATE-NOTE-MARKER');
	});

	it('puts a long, quoted or accented business name in From as an encoded display name', async () => {
		const names = [
			`Zoë's "Fleurs & Söhne" Ångström Atelier ${'très longue '.repeat(14)}`.trim(),
			'O\'Brien, "Flowers" <Dublin>',
		];
		for (const name of names) {
			const session = await signedIn({ name });
			const address = `from-${Date.now()}-${names.indexOf(name)}@example.test`;
			const customer = await session.caller.customers.create({ name: 'Ana', email: address });
			const invoice = await session.caller.invoices.create({
				customerId: customer.id,
				issueDate: todayUtc(),
				dueDate: todayUtc(),
				items: [{ description: 'Posy', quantity: '1', unitPrice: '10' }],
			});
			await session.caller.invoices.send({ id: invoice.id });
			const mail = await eventually(async () => emailsTo(address)[0]);
			expect(mail.from?.value).toEqual([{ name, address: 'billing@rapport.test' }]);
			// On the wire the header is plain ASCII (RFC 2047 words), whatever the name holds.
			const raw = mail.headerLines.find((h) => h.key === 'from')?.line ?? '';
			expect(raw).toMatch(/^From: /);
			expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/);
			expect(raw).toContain('<billing@rapport.test>');
		}
	});

	it('refuses to send without a customer email, leaving the invoice a draft', async () => {
		const { caller, invoice } = await draftInvoice(null);
		await expect(caller.invoices.send({ id: invoice.id })).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			cause: { fieldErrors: { email: [expect.stringMatching(/Add an email address/)] } },
		});
		expect((await invoiceStatus(invoice.id)).status).toBe('draft');
	});

	it('stops at once when the server rejects the recipient, and shows why', async () => {
		const { caller, invoice } = await draftInvoice(`bounce@${Date.now()}.example.test`);
		await caller.invoices.send({ id: invoice.id });
		const failed = await eventually(async () => {
			const view = await caller.invoices.byId({ id: invoice.id });
			return view.delivery?.deliveryState === 'failed' && view;
		});
		// Not delivered, still issued and owed.
		expect(failed.status).toBe('sent');
		expect(failed.delivery?.deliveryError).toMatch(/refused the email: 550/);
		const attempts = await db
			.selectFrom('messages')
			.select('deliveryAttempts')
			.where('invoiceId', '=', invoice.id)
			.executeTakeFirstOrThrow();
		expect(attempts.deliveryAttempts).toBe(1);
		// Listed on the failed-deliveries page, and retryable.
		expect((await caller.deliveries.failed()).map((f) => f.invoiceNumber)).toEqual(['INV-0001']);
		await caller.deliveries.retry({ messageId: failed.delivery!.id });
		await eventually(async () => {
			const row = await db
				.selectFrom('messages')
				.select(['deliveryState', 'deliveryAttempts'])
				.where('invoiceId', '=', invoice.id)
				.executeTakeFirstOrThrow();
			return row.deliveryState === 'failed' && row.deliveryAttempts === 2;
		});
	});

	it('keeps the email queued with the reason and retries later when the mail server is down', async () => {
		// An isolated queue prefix, so only this worker — whose SMTP server is down — sees the job.
		const downPrefix = `${prefix}-down`;
		const downWorkers = await startWorkers({
			connection: redis.duplicate({ maxRetriesPerRequest: null }),
			deps: {
				db,
				log: pino({ level: 'silent' }),
				mailer: createMailer(
					`smtp://127.0.0.1:${await closedPort()}`,
					'Bloom <billing@rapport.test>',
				),
				templates: loadEmailTemplates(),
				origin: ORIGIN,
				mailDomain: 'rapport.test',
			},
			concurrency: 1,
			prefix: downPrefix,
			schedules: false,
		});
		const { invoice, user, business } = await draftInvoice(`down-${Date.now()}@example.test`);
		const jobs = createJobProducer(redis, downPrefix);
		const caller = callerFor({ db, jobs }, { userId: user.id, businessId: business.id });
		await caller.invoices.send({ id: invoice.id });
		const view = await eventually(async () => {
			const v = await caller.invoices.byId({ id: invoice.id });
			return v.delivery?.deliveryError ? v : null;
		});
		expect(view.delivery).toMatchObject({ deliveryState: 'queued' });
		expect(view.delivery?.deliveryError).toMatch(/Could not reach the mail server/);
		expect(view.status).toBe('sent');
		const job = await new Queue('email', { connection: redis, prefix: downPrefix }).getJob(
			`email-${view.delivery?.id}`,
		);
		expect(await job?.getState()).toBe('delayed'); // waiting for its backoff
		await jobs.close();
		await downWorkers.close();
	});
});
