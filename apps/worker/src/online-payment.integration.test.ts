import { randomUUID } from 'node:crypto';
import { createJobProducer, onlinePaymentJobId } from '@rapport/api/jobs';
import {
	checkoutSessionEvent,
	createTestInvoice,
	sendTestInvoice,
	signStripeEvent,
	testWebhookSecret,
	useHarness,
} from '@rapport/api/testing';
import { receivePaymentWebhook, systemActor, voidInvoice } from '@rapport/api/use-cases';
import { createTestCustomer } from '@rapport/db/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { eventually } from './testing/eventually.ts';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.ts';
import { startWorkers } from './worker.ts';

// The harness's queue prefix has no worker (sendTestInvoice plays the mail server itself); the
// worker under test runs on a prefix of its own and takes the webhook's jobs there.
const { db, jobs: setupJobs, mail, payments, signedIn } = useHarness();
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const prefix = `test-pay-${randomUUID().slice(0, 8)}`;
const jobs = createJobProducer(connection, prefix);
const paymentsQueue = new Queue('payments', { connection, prefix });
let sink: SmtpSink;
let workers: Awaited<ReturnType<typeof startWorkers>>;

beforeAll(async () => {
	sink = await startSmtpSink();
	workers = await startWorkers({
		connection,
		deps: {
			db,
			log: pino({ level: 'silent' }),
			mailer: createMailer(sink.url, 'Rapport <billing@rapport.test>'),
			templates: loadEmailTemplates(),
			origin: 'http://rapport.test',
			mailDomain: 'rapport.test',
		},
		concurrency: 10,
		prefix,
		schedules: false,
	});
});

afterAll(async () => {
	await workers.close();
	await paymentsQueue.close();
	await jobs.close();
	await sink.close();
	await connection.quit();
});

/** A connected business with a customer and a sent invoice of 50.00. */
async function connectedWithInvoice(overrides: Parameters<typeof signedIn>[0] = {}) {
	const owner = await signedIn(overrides);
	const webhookSecret = testWebhookSecret();
	const view = await owner.caller.paymentSettings.connectStripe({
		secretKey: 'sk_test_abcdefghijklmnop4242',
		webhookSecret,
	});
	const webhookId = view.webhookUrl!.split('/').pop()!;
	const actor = systemActor(owner.business.id);
	const customer = await createTestCustomer(db, owner.business.id);
	const deps = { db, jobs: setupJobs, mail };
	const { id: invoiceId } = await createTestInvoice(deps, actor, customer.id);
	await sendTestInvoice(deps, actor, invoiceId);
	return { ...owner, actor, customer, invoiceId, webhookId, webhookSecret };
}

type Account = Awaited<ReturnType<typeof connectedWithInvoice>>;

function paidEvent(
	account: Account,
	overrides: Partial<Parameters<typeof checkoutSessionEvent>[0]> = {},
) {
	return checkoutSessionEvent({
		invoiceId: account.invoiceId,
		businessId: account.business.id,
		amountMinor: 5000,
		currency: 'usd',
		...overrides,
	});
}

/** One delivery, as the endpoint hands it over: verified, then queued. */
const deliver = (account: Account, event: object) =>
	receivePaymentWebhook(
		{ db, jobs, payments },
		{ webhookId: account.webhookId, ...signStripeEvent(event, account.webhookSecret) },
	);

const eventRow = (eventId: string) =>
	db.selectFrom('paymentEvents').selectAll().where('eventId', '=', eventId).executeTakeFirst();

/** Waits for the worker to settle the event (claimed and settled in one transaction). */
const settled = (eventId: string) => eventually(() => eventRow(eventId));

const paymentsOf = (invoiceId: string) =>
	db.selectFrom('payments').selectAll().where('invoiceId', '=', invoiceId).execute();

const invoiceRow = (invoiceId: string) =>
	db
		.selectFrom('invoices')
		.select(['status', 'paidMinor'])
		.where('id', '=', invoiceId)
		.executeTakeFirstOrThrow();

const messagesOf = (customerId: string, kind: 'receipt' | 'payment') =>
	db
		.selectFrom('messages')
		.select(['id', 'kind', 'body'])
		.where('customerId', '=', customerId)
		.where('kind', '=', kind)
		.execute();

const queueIdle = () =>
	eventually(async () => {
		const counts = await paymentsQueue.getJobCounts('waiting', 'active', 'delayed');
		return Object.values(counts).every((n) => n === 0);
	});

describe('online payments from Stripe webhooks', () => {
	it('100 concurrent deliveries of one signed event record one payment, one receipt, invoice Paid', async () => {
		const account = await connectedWithInvoice();
		const event = paidEvent(account);
		const answers = await Promise.all(Array.from({ length: 100 }, () => deliver(account, event)));
		expect(new Set(answers.map((a) => a.outcome))).toEqual(new Set(['queued']));
		// The queue keeps one job per event; redeliveries after it forgot the first job (other job
		// ids) reach the worker and are no-ops there.
		await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				jobs.enqueue(
					'record-online-payment',
					{
						provider: 'stripe',
						businessId: account.business.id,
						payment: {
							eventId: event.id,
							type: event.type,
							providerId: event.data.object.id,
							invoiceId: account.invoiceId,
							businessId: account.business.id,
							amountMinor: 5000,
							currency: 'USD',
							occurredAt: new Date().toISOString(),
						},
					},
					{ jobId: `${onlinePaymentJobId('stripe', event.id)}-again-${i}` },
				),
			),
		);
		expect(await settled(event.id)).toMatchObject({ outcome: 'recorded', type: event.type });
		await queueIdle();

		const rows = await paymentsOf(account.invoiceId);
		expect(rows).toMatchObject([
			{
				amountMinor: 5000,
				method: 'online',
				source: 'provider',
				provider: 'stripe',
				providerId: event.data.object.id,
				flag: null,
			},
		]);
		expect(await invoiceRow(account.invoiceId)).toEqual({ status: 'paid', paidMinor: 5000 });
		expect(await messagesOf(account.customer.id, 'receipt')).toHaveLength(1);
		expect(await messagesOf(account.customer.id, 'payment')).toHaveLength(1);
		const toCustomer = () =>
			sink.messages.filter((m) => JSON.stringify(m.to).includes(account.customer.email!));
		await eventually(async () => toCustomer().length > 0);
		expect(toCustomer()).toHaveLength(1);
		expect(toCustomer()[0]?.text).toContain('50.00');
		const customer = await db
			.selectFrom('customers')
			.select('openBalanceMinor')
			.where('id', '=', account.customer.id)
			.executeTakeFirstOrThrow();
		expect(customer.openBalanceMinor).toBe(0);
	});

	it('completed and async_payment_succeeded of one checkout record one payment', async () => {
		const account = await connectedWithInvoice();
		const sessionId = `cs_test_${randomUUID().replace(/-/g, '')}`;
		const completed = paidEvent(account, { sessionId });
		const succeeded = paidEvent(account, {
			sessionId,
			type: 'checkout.session.async_payment_succeeded',
		});
		await deliver(account, completed);
		await deliver(account, succeeded);
		// The worker may take either event first: one records the payment, the other is a no-op.
		const outcomes = [(await settled(completed.id)).outcome, (await settled(succeeded.id)).outcome];
		expect(outcomes.sort()).toEqual(['duplicate', 'recorded']);
		expect(await paymentsOf(account.invoiceId)).toHaveLength(1);
		expect(await invoiceRow(account.invoiceId)).toEqual({ status: 'paid', paidMinor: 5000 });
	});

	it('a delayed method (SEPA) is recorded on async_payment_succeeded, not on completed', async () => {
		const account = await connectedWithInvoice();
		const sessionId = `cs_test_${randomUUID().replace(/-/g, '')}`;
		const completed = paidEvent(account, { sessionId, paymentStatus: 'unpaid' });
		expect(await deliver(account, completed)).toMatchObject({ outcome: 'ignored' });
		expect(await paymentsOf(account.invoiceId)).toHaveLength(0);
		const succeeded = paidEvent(account, {
			sessionId,
			type: 'checkout.session.async_payment_succeeded',
		});
		expect(await deliver(account, succeeded)).toMatchObject({ outcome: 'queued' });
		expect(await settled(succeeded.id)).toMatchObject({ outcome: 'recorded' });
		expect(await paymentsOf(account.invoiceId)).toHaveLength(1);
	});

	it('a checkout naming another business’s invoice is recorded as ignored and changes nothing', async () => {
		const mine = await connectedWithInvoice();
		const theirs = await connectedWithInvoice();
		// Signed with my secret at my URL, but for their invoice (and claiming their business).
		const forTheirs = paidEvent(mine, {
			invoiceId: theirs.invoiceId,
			businessId: theirs.business.id,
		});
		await deliver(mine, forTheirs);
		expect(await settled(forTheirs.id)).toMatchObject({
			outcome: 'ignored',
			businessId: mine.business.id,
			reason: 'The checkout belongs to another business',
		});
		// Claiming my business but naming their invoice: not found in mine.
		const sneaky = paidEvent(mine, { invoiceId: theirs.invoiceId });
		await deliver(mine, sneaky);
		expect(await settled(sneaky.id)).toMatchObject({
			outcome: 'ignored',
			reason: 'Unknown invoice',
		});
		const unknownSession = paidEvent(mine, { invoiceId: null, businessId: null });
		await deliver(mine, unknownSession);
		expect(await settled(unknownSession.id)).toMatchObject({ outcome: 'ignored' });

		for (const account of [mine, theirs]) {
			expect(await paymentsOf(account.invoiceId)).toHaveLength(0);
			expect(await invoiceRow(account.invoiceId)).toEqual({ status: 'sent', paidMinor: 0 });
			expect(await messagesOf(account.customer.id, 'receipt')).toHaveLength(0);
		}
	});

	it('money for an invoice voided in the meantime is recorded and flagged', async () => {
		const account = await connectedWithInvoice();
		await voidInvoice({ db }, account.actor, { id: account.invoiceId });
		const event = paidEvent(account);
		await deliver(account, event);
		expect(await settled(event.id)).toMatchObject({ outcome: 'recorded' });
		expect(await paymentsOf(account.invoiceId)).toMatchObject([
			{ amountMinor: 5000, flag: 'invoice_void' },
		]);
		expect((await invoiceRow(account.invoiceId)).status).toBe('void');
	});

	it('more than the balance is recorded and flagged as overpaid', async () => {
		const account = await connectedWithInvoice();
		const event = paidEvent(account, { amountMinor: 7000 });
		await deliver(account, event);
		expect(await settled(event.id)).toMatchObject({ outcome: 'recorded' });
		expect(await paymentsOf(account.invoiceId)).toMatchObject([
			{ amountMinor: 7000, flag: 'overpaid' },
		]);
		expect(await invoiceRow(account.invoiceId)).toEqual({ status: 'paid', paidMinor: 7000 });
	});

	it('a business on Starter after its trial still records money already taken', async () => {
		const account = await connectedWithInvoice();
		await db
			.updateTable('businesses')
			.set({ plan: 'starter', trialEndsAt: new Date(Date.now() - 86_400_000) })
			.where('id', '=', account.business.id)
			.execute();
		const event = paidEvent(account);
		await deliver(account, event);
		expect(await settled(event.id)).toMatchObject({ outcome: 'recorded' });
		expect(await invoiceRow(account.invoiceId)).toEqual({ status: 'paid', paidMinor: 5000 });
	});
});
