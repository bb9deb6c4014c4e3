import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobProducer } from '@rapport/api/jobs';
import { callerFor, createTestInvoice, sendTestInvoice, useHarness } from '@rapport/api/testing';
import { recordPayment, systemActor } from '@rapport/api/use-cases';
import { createTestCustomer } from '@rapport/db/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { sweepReminders } from './processors/sweep-reminders.ts';
import { eventually } from './testing/eventually.ts';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.ts';
import { startWorkers } from './worker.ts';

// Setup (issuing and "emailing" the invoice) goes through the harness's prefix, which has no
// worker; the workers under test run on a prefix of their own, and the sweep queues onto it.
// Time is the real now and the rows are backdated: a sweep with a future `now` would also pick
// up the invoices of the test files running beside this one on the same database.
const { db, jobs: setupJobs, mail, signedIn } = useHarness();
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const prefix = `test-remind-${randomUUID().slice(0, 8)}`;
const jobs = createJobProducer(connection, prefix);
const emailQueue = new Queue('email', { connection, prefix });
const maintenanceQueue = new Queue('maintenance', { connection, prefix });
const ORIGIN = 'http://rapport.test';
const DAY = 86_400_000;
const isoDay = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
let sink: SmtpSink;
let workers: Awaited<ReturnType<typeof startWorkers>>[] = [];

const startWorker = () =>
	startWorkers({
		connection: connection.duplicate({ maxRetriesPerRequest: null }),
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

beforeAll(async () => {
	sink = await startSmtpSink();
	// Two worker processes' worth of workers: every job may land on either.
	workers = [await startWorker(), await startWorker()];
});

afterAll(async () => {
	await Promise.all(workers.map((w) => w.close()));
	await emailQueue.close();
	await maintenanceQueue.close();
	await jobs.close();
	await sink.close();
	await connection.quit();
});

/**
 * A sent invoice of 50.00 due `daysPastDue` days ago (UTC business, reminders at 09:00),
 * issued and emailed three weeks ago, in a business that turned reminders on a month ago.
 */
async function overdueInvoice(daysPastDue: number) {
	const owner = await signedIn({ name: 'Bloom & Co.' });
	const actor = systemActor(owner.business.id);
	await db
		.updateTable('businesses')
		.set({ remindersEnabledAt: new Date(Date.now() - 30 * DAY) })
		.where('id', '=', owner.business.id)
		.execute();
	const customer = await createTestCustomer(db, owner.business.id);
	const setup = { db, jobs: setupJobs, mail };
	const { id: invoiceId } = await createTestInvoice(setup, actor, customer.id, {
		issueDate: isoDay(-25),
		dueDate: isoDay(-daysPastDue),
	});
	await sendTestInvoice(setup, actor, invoiceId);
	await backdateInvoiceEmail(invoiceId, 21);
	// The owner's calls queue onto the workers' prefix.
	const caller = callerFor(
		{ db, jobs, mail },
		{ userId: owner.user.id, businessId: owner.business.id },
	);
	return { ...owner, actor, caller, customer, invoiceId };
}

async function backdateInvoiceEmail(invoiceId: string, daysAgo: number) {
	const at = new Date(Date.now() - daysAgo * DAY);
	await db.updateTable('invoices').set({ issuedAt: at }).where('id', '=', invoiceId).execute();
	await db
		.updateTable('messages')
		.set({ createdAt: at })
		.where('invoiceId', '=', invoiceId)
		.where('kind', '=', 'invoice')
		.execute();
}

const sweep = () => sweepReminders({ db, emailQueue, mailDomain: 'rapport.test' });

const remindersOf = (invoiceId: string) =>
	db
		.selectFrom('messages')
		.select(['id', 'reminderOffset', 'deliveryState', 'deliveryError', 'rfcMessageId'])
		.where('invoiceId', '=', invoiceId)
		.where('kind', '=', 'reminder')
		.orderBy('createdAt')
		.execute();

const emailsTo = (address: string) =>
	sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes(address));

/** Every job of the workers' prefix has run: nothing more can reach the sink. */
const idle = () =>
	eventually(async () => {
		const counts = await Promise.all(
			[emailQueue, maintenanceQueue].map((q) => q.getJobCounts('waiting', 'active', 'delayed')),
		);
		return counts.every((c) => Object.values(c).every((n) => n === 0));
	});

/** Waits until every reminder of the invoice has settled (sent, failed or cancelled). */
const settled = (invoiceId: string) =>
	eventually(async () => {
		const rows = await remindersOf(invoiceId);
		return (
			rows.length > 0 &&
			rows.every((r) => !['queued', 'sending', 'accepted'].includes(r.deliveryState!)) &&
			rows
		);
	});

describe('payment reminders through the real worker', () => {
	it('8 days past due: one sweep sends exactly the +7 reminder, with the PDF, the invoice link and the Reply-To token; the next sweep sends nothing', async () => {
		const { customer, invoiceId } = await overdueInvoice(8);
		expect(await sweep()).toMatchObject({ queued: expect.any(Number) });
		const [row] = await settled(invoiceId);
		expect(row).toMatchObject({ reminderOffset: 7, deliveryState: 'sent' });

		const [email] = await eventually(
			async () => emailsTo(customer.email!).length > 0 && emailsTo(customer.email!),
		);
		expect(email?.subject).toMatch(/Overdue/);
		expect(email?.messageId).toBe(row?.rfcMessageId);
		const { replyToken } = await db
			.selectFrom('customers')
			.select('replyToken')
			.where('id', '=', customer.id)
			.executeTakeFirstOrThrow();
		expect(email?.replyTo?.text).toBe(`reply+${replyToken}@rapport.test`);
		const { publicToken } = await db
			.selectFrom('invoices')
			.select('publicToken')
			.where('id', '=', invoiceId)
			.executeTakeFirstOrThrow();
		expect(email?.text).toContain(`${ORIGIN}/i/${publicToken}`);
		const pdf = email?.attachments.find((a) => a.filename === 'INV-0001.pdf');
		expect(pdf?.contentType).toBe('application/pdf');
		const file = join(mkdtempSync(join(tmpdir(), 'rapport-')), 'reminder.pdf');
		writeFileSync(file, pdf!.content);
		expect(execFileSync('pdftotext', ['-layout', file, '-']).toString()).toContain('INV-0001');

		await sweep();
		await idle();
		expect(await remindersOf(invoiceId)).toHaveLength(1);
		expect(emailsTo(customer.email!)).toHaveLength(1);
	});

	it('two workers sweeping at once send one reminder', async () => {
		const { customer, invoiceId } = await overdueInvoice(8);
		// The scheduled job itself, twice (two schedulers firing), on two workers, and a direct sweep.
		await Promise.all([
			maintenanceQueue.add('sweep-reminders', {}, { jobId: `sweep-a-${invoiceId}` }),
			maintenanceQueue.add('sweep-reminders', {}, { jobId: `sweep-b-${invoiceId}` }),
			sweep(),
		]);
		await settled(invoiceId);
		await idle();
		expect(await remindersOf(invoiceId)).toMatchObject([
			{ reminderOffset: 7, deliveryState: 'sent' },
		]);
		expect(emailsTo(customer.email!)).toHaveLength(1);
	});

	it('once paid, the next step is not sent (while an unpaid invoice gets it)', async () => {
		const paid = await overdueInvoice(8);
		const unpaid = await overdueInvoice(8);
		await sweep();
		await settled(paid.invoiceId);
		await settled(unpaid.invoiceId);
		await recordPayment({ db }, paid.actor, {
			invoiceId: paid.invoiceId,
			amount: '50.00',
			paidOn: isoDay(0),
			method: 'cash',
		});
		// A week later on both invoices' schedules: the +14 step is due.
		for (const { invoiceId } of [paid, unpaid]) {
			await db
				.updateTable('invoices')
				.set({ dueDate: isoDay(-15) })
				.where('id', '=', invoiceId)
				.execute();
		}
		await sweep();
		await eventually(async () => (await remindersOf(unpaid.invoiceId)).length === 2);
		await settled(unpaid.invoiceId);
		await idle();
		expect((await remindersOf(unpaid.invoiceId)).map((r) => r.reminderOffset)).toEqual([7, 14]);
		expect((await remindersOf(paid.invoiceId)).map((r) => r.reminderOffset)).toEqual([7]);
		expect(emailsTo(paid.customer.email!)).toHaveLength(1);
		expect(emailsTo(unpaid.customer.email!)).toHaveLength(2);
	});

	it('a reminder queued and then paid before delivery is cancelled, and nothing reaches the mail server', async () => {
		const { actor, customer, invoiceId } = await overdueInvoice(8);
		// Queued onto a prefix no worker takes: the job waits there.
		const parkedQueue = new Queue('email', {
			connection,
			prefix: `parked-${randomUUID().slice(0, 8)}`,
		});
		const parked = await sweepReminders({
			db,
			emailQueue: parkedQueue,
			mailDomain: 'rapport.test',
		});
		await parkedQueue.obliterate({ force: true });
		await parkedQueue.close();
		expect(parked.queued).toBeGreaterThan(0);
		const [queued] = await remindersOf(invoiceId);
		expect(queued).toMatchObject({ reminderOffset: 7, deliveryState: 'queued' });
		await recordPayment({ db }, actor, {
			invoiceId,
			amount: '50.00',
			paidOn: isoDay(0),
			method: 'bank_transfer',
		});
		// Now a worker gets the job (as the outbox sweep would hand it over).
		await emailQueue.add('send-email', { messageId: queued!.id }, { jobId: `late-${queued!.id}` });
		const [row] = await settled(invoiceId);
		expect(row).toMatchObject({
			deliveryState: 'cancelled',
			deliveryError: expect.stringMatching(/paid before the reminder went out/),
		});
		await idle();
		expect(emailsTo(customer.email!)).toEqual([]);
		// Final: a later sweep neither resends it nor queues another step.
		await sweep();
		await idle();
		expect(await remindersOf(invoiceId)).toHaveLength(1);
	});

	it('Send reminder now goes out at once and counts as the due step, so the sweep sends nothing', async () => {
		const { caller, customer, invoiceId } = await overdueInvoice(8);
		expect(await caller.reminders.sendNow({ invoiceId })).toMatchObject({ step: 7 });
		await settled(invoiceId);
		await sweep();
		await idle();
		expect(await remindersOf(invoiceId)).toMatchObject([
			{ reminderOffset: 7, deliveryState: 'sent' },
		]);
		expect(emailsTo(customer.email!)).toHaveLength(1);
		expect(await caller.reminders.status({ invoiceId })).toMatchObject({
			state: 'scheduled',
			offsetDays: 14,
		});
	});
});
