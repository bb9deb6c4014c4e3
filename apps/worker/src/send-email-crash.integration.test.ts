import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { todayUtc } from '@rapport/api/domain';
import { createJobProducer } from '@rapport/api/jobs';
import { callerFor, useHarness } from '@rapport/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNCERTAIN_OUTCOME } from './processors/send-email.ts';
import { eventually } from './testing/eventually.ts';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.ts';

const { db, redis, signedIn } = useHarness();
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
let sink: SmtpSink;
const children: ChildProcess[] = [];

beforeAll(async () => {
	sink = await startSmtpSink();
});
afterAll(async () => {
	for (const child of children) child.kill('SIGKILL');
	await sink.close();
});

/** The real worker process, as deployed, on a queue prefix of its own. */
function startWorkerProcess(prefix: string, fault?: string) {
	const child = spawn(process.execPath, [main], {
		env: {
			...process.env,
			SMTP_URL: sink.url,
			MAIL_FROM: 'Bloom <billing@rapport.test>',
			QUEUE_PREFIX: prefix,
			WORKER_LOCK_DURATION_MS: '1000',
			WORKER_SCHEDULES: 'off',
			LOG_LEVEL: 'warn',
			...(fault ? { RAPPORT_FAULT: fault } : {}),
		},
		stdio: 'ignore',
	});
	children.push(child);
	return {
		child,
		exited: new Promise<number | null>((resolve) =>
			child.on('exit', (code, signal) => resolve(signal ? 137 : code)),
		),
	};
}

async function queuedInvoice(prefix: string) {
	const { user, business } = await signedIn();
	const jobs = createJobProducer(redis, prefix);
	const caller = callerFor({ db, jobs }, { userId: user.id, businessId: business.id });
	const address = `crash-${prefix}@example.test`;
	const customer = await caller.customers.create({ name: 'Crash Test', email: address });
	const invoice = await caller.invoices.create({
		customerId: customer.id,
		issueDate: todayUtc(),
		dueDate: todayUtc(),
		items: [{ description: 'Bouquet', quantity: '1', unitPrice: '50' }],
	});
	await caller.invoices.send({ id: invoice.id });
	await jobs.close();
	return { caller, invoice, address, customerId: customer.id };
}

type Caller = Awaited<ReturnType<typeof queuedInvoice>>['caller'];

/** Issued whatever happened to its email: Sent, locked against edits, owed by the customer. */
async function expectIssued(caller: Caller, invoiceId: string, customerId: string) {
	const view = await caller.invoices.byId({ id: invoiceId });
	expect(view.status).toBe('sent');
	await expect(
		caller.invoices.update({
			id: invoiceId,
			version: view.version,
			issueDate: view.issueDate,
			dueDate: view.dueDate,
			items: [{ description: 'Changed', quantity: '1', unitPrice: '1' }],
		}),
	).rejects.toMatchObject({ code: 'CONFLICT' });
	expect((await caller.invoices.list({ customerId })).outstandingMinor).toBe(5000);
}

const received = (address: string) =>
	sink.messages.filter((m) => JSON.stringify(m.to).includes(address)).length;
const delivery = (invoiceId: string) =>
	db
		.selectFrom('messages')
		.select(['deliveryState', 'deliveryError'])
		.where('invoiceId', '=', invoiceId)
		.executeTakeFirstOrThrow();

describe('exactly once across worker crashes', () => {
	it('a worker killed after the server accepted (and it was recorded) never emails again; the restart finishes', async () => {
		const prefix = `crash-a-${Date.now()}`;
		const { invoice, caller, address, customerId } = await queuedInvoice(prefix);
		const first = startWorkerProcess(prefix, 'exit-after-accept-recorded');
		expect(await first.exited).toBe(137);
		expect(received(address)).toBe(1);
		expect((await delivery(invoice.id)).deliveryState).toBe('accepted');
		await expectIssued(caller, invoice.id, customerId);

		const second = startWorkerProcess(prefix);
		await eventually(async () => (await delivery(invoice.id)).deliveryState === 'sent', 20_000);
		await expectIssued(caller, invoice.id, customerId);
		expect(received(address)).toBe(1);
		second.child.kill('SIGTERM');
		await second.exited;
	});

	it('a worker killed between the server accepting and any database write never emails twice; the outcome is reported', async () => {
		const prefix = `crash-b-${Date.now()}`;
		const { invoice, caller, address, customerId } = await queuedInvoice(prefix);
		const first = startWorkerProcess(prefix, 'exit-after-smtp-accept');
		expect(await first.exited).toBe(137);
		expect(received(address)).toBe(1);

		const second = startWorkerProcess(prefix);
		const final = await eventually(async () => {
			const row = await delivery(invoice.id);
			return row.deliveryState === 'uncertain' ? row : null;
		}, 40_000);
		expect(final.deliveryError).toBe(UNCERTAIN_OUTCOME);
		expect(received(address)).toBe(1);
		// The customer may have it: the invoice is issued, its delivery uncertain beside it.
		await expectIssued(caller, invoice.id, customerId);
		expect((await caller.invoices.byId({ id: invoice.id })).delivery?.deliveryState).toBe(
			'uncertain',
		);
		second.child.kill('SIGTERM');
		await second.exited;
	});
});
