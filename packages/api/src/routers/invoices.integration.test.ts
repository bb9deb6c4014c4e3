import { describe, expect, it } from 'vitest';
import { todayUtc } from '../domain/invoice-status.ts';
import { sendTestInvoice, useHarness } from '../testing/harness.ts';
import { systemActor } from '../use-cases/actor.ts';

const { signedIn, db, jobs, mail } = useHarness();

const today = todayUtc();
const draft = (overrides: Record<string, unknown> = {}) => ({
	issueDate: today,
	dueDate: today,
	items: [
		{ description: 'Bridal bouquet', quantity: '1.5', unitPrice: '80.00', taxRate: '0' },
		{ description: 'Buttonholes', quantity: '2', unitPrice: '19.99', taxRate: '0' },
	],
	...overrides,
});

async function withCustomer(business: Parameters<typeof signedIn>[0] = {}) {
	const session = await signedIn(business);
	const customer = await session.caller.customers.create({
		name: 'Invoiced Customer',
		email: 'billing@example.com',
	});
	return { ...session, customer };
}

describe('invoices router', () => {
	it('creates a draft with the next number and exact totals, then edits it', async () => {
		const { caller, customer } = await withCustomer();
		expect(await caller.invoices.nextNumber()).toBe('INV-0001');
		const invoice = await caller.invoices.create({
			customerId: customer.id,
			...draft(),
			notes: 'Thank you!',
		});
		expect(invoice).toMatchObject({
			number: 'INV-0001',
			status: 'draft',
			displayStatus: 'draft',
			subtotalMinor: 15998,
			totalMinor: 15998,
			currency: 'USD',
			notes: 'Thank you!',
		});
		expect(invoice.items.map((i) => [i.quantity, i.unitPriceMinor])).toEqual([
			['1.5', 8000],
			['2', 1999],
		]);
		expect(await caller.invoices.nextNumber()).toBe('INV-0002');

		const edited = await caller.invoices.update({
			id: invoice.id,
			version: invoice.version,
			...draft({
				items: [
					{ description: 'Table centrepiece', quantity: '12', unitPrice: '35.50', taxRate: '20' },
				],
			}),
		});
		expect(edited).toMatchObject({
			number: 'INV-0001',
			subtotalMinor: 42600,
			taxMinor: 8520,
			totalMinor: 51120,
		});
		expect(edited.items).toHaveLength(1);

		const list = await caller.invoices.list({ customerId: customer.id });
		expect(list.items.map((i) => i.number)).toEqual(['INV-0001']);
		expect(list.outstandingMinor).toBe(0);
	});

	it('refuses bad input with field errors and saves nothing', async () => {
		const { caller, customer } = await withCustomer();
		await expect(
			caller.invoices.create({ customerId: customer.id, ...draft({ dueDate: '2000-01-01' }) }),
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await expect(
			caller.invoices.create({ customerId: customer.id, ...draft({ items: [] }) }),
		).rejects.toMatchObject({
			code: 'BAD_REQUEST',
		});
		const tooPrecise = draft({ items: [{ description: 'x', quantity: '1', unitPrice: '1.999' }] });
		await expect(
			caller.invoices.create({ customerId: customer.id, ...tooPrecise }),
		).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			cause: { fieldErrors: { 'items.0.unitPrice': ['Use at most 2 decimals for USD'] } },
		});
		expect((await caller.invoices.list({ customerId: customer.id })).items).toHaveLength(0);
		// Failed saves leave no gap in the sequence.
		expect(await caller.invoices.nextNumber()).toBe('INV-0001');
	});

	it('keeps hand-typed numbers, refuses duplicates, and skips past them later', async () => {
		const { caller, customer } = await withCustomer();
		await caller.invoices.create({ customerId: customer.id, ...draft() });
		await caller.invoices.create({ customerId: customer.id, ...draft({ number: 'INV-0005' }) });
		await caller.invoices.create({ customerId: customer.id, ...draft({ number: 'WEDDING-2026' }) });
		await expect(
			caller.invoices.create({ customerId: customer.id, ...draft({ number: 'INV-0005' }) }),
		).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			cause: { fieldErrors: { number: [expect.stringMatching(/already used/)] } },
		});
		expect(await caller.invoices.nextNumber()).toBe('INV-0006');
		expect((await caller.invoices.create({ customerId: customer.id, ...draft() })).number).toBe(
			'INV-0006',
		);
	});

	it('never gives two parallel creates the same number', async () => {
		const { caller, customer } = await withCustomer();
		const created = await Promise.all(
			Array.from({ length: 12 }, () =>
				caller.invoices.create({ customerId: customer.id, ...draft() }),
			),
		);
		const numbers = created.map((i) => i.number).sort();
		expect(new Set(numbers).size).toBe(12);
		expect(numbers[0]).toBe('INV-0001');
		expect(numbers[11]).toBe('INV-0012');
	});

	it('marks a draft paid at the counter: issued, paid, locked', async () => {
		const { caller, customer } = await withCustomer();
		const invoice = await caller.invoices.create({ customerId: customer.id, ...draft() });
		const paid = await caller.invoices.markPaid({ id: invoice.id, paidOn: today });
		expect(paid).toMatchObject({ status: 'paid', paidOn: today });
		expect(paid.issuedAt).toBeInstanceOf(Date);
		await expect(
			caller.invoices.update({ id: invoice.id, version: paid.version, ...draft() }),
		).rejects.toMatchObject({
			code: 'CONFLICT',
			message: 'A paid invoice cannot be edited.',
		});
		await expect(caller.invoices.markPaid({ id: invoice.id, paidOn: today })).rejects.toMatchObject(
			{ code: 'CONFLICT' },
		);
		await expect(caller.invoices.delete({ id: invoice.id })).rejects.toMatchObject({
			code: 'CONFLICT',
		});
		await expect(caller.invoices.void({ id: invoice.id })).rejects.toMatchObject({
			code: 'CONFLICT',
		});
		expect((await caller.invoices.byId({ id: invoice.id })).status).toBe('paid');
	});

	it('sent invoices: counted as outstanding, overdue when past due, voidable, not editable', async () => {
		const { caller, customer, business } = await withCustomer();
		const invoice = await caller.invoices.create({
			customerId: customer.id,
			...draft({ issueDate: '2026-01-01', dueDate: '2026-01-15' }),
		});
		await sendTestInvoice({ db, jobs, mail }, systemActor(business.id), invoice.id);
		const list = await caller.invoices.list({ customerId: customer.id });
		expect(list.outstandingMinor).toBe(15998);
		expect(list.items[0]?.displayStatus).toBe('overdue');
		await expect(
			caller.invoices.update({ id: invoice.id, version: 1, ...draft() }),
		).rejects.toMatchObject({
			code: 'CONFLICT',
			message: expect.stringMatching(/sent invoice cannot be edited/),
		});
		await expect(caller.invoices.delete({ id: invoice.id })).rejects.toMatchObject({
			code: 'CONFLICT',
		});
		await expect(
			caller.invoices.markPaid({ id: invoice.id, paidOn: '2025-12-31' }),
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		const voided = await caller.invoices.void({ id: invoice.id });
		expect(voided).toMatchObject({ status: 'void', publicToken: null });
		await expect(caller.invoices.markPaid({ id: invoice.id, paidOn: today })).rejects.toMatchObject(
			{
				code: 'CONFLICT',
				message: 'A void invoice cannot be paid.',
			},
		);
		expect((await caller.invoices.list({ customerId: customer.id })).outstandingMinor).toBe(0);
		expect(business.id).toBeTruthy();
	});

	it('deletes drafts', async () => {
		const { caller, customer } = await withCustomer();
		const invoice = await caller.invoices.create({ customerId: customer.id, ...draft() });
		await caller.invoices.delete({ id: invoice.id });
		await expect(caller.invoices.byId({ id: invoice.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
	});

	it('detects a concurrent edit of a draft', async () => {
		const { caller, customer } = await withCustomer();
		const invoice = await caller.invoices.create({ customerId: customer.id, ...draft() });
		await caller.invoices.update({ id: invoice.id, version: 1, ...draft({ notes: 'first' }) });
		await expect(
			caller.invoices.update({ id: invoice.id, version: 1, ...draft({ notes: 'second' }) }),
		).rejects.toMatchObject({
			code: 'CONFLICT',
			message: expect.stringMatching(/changed elsewhere/),
		});
		expect((await caller.invoices.byId({ id: invoice.id })).notes).toBe('first');
	});

	it('refuses every invoice write on the Starter plan with a clear message', async () => {
		const { caller, customer } = await withCustomer({ plan: 'starter' });
		const forbidden = { code: 'FORBIDDEN', message: expect.stringMatching(/Launch and Grow/) };
		await expect(
			caller.invoices.create({ customerId: customer.id, ...draft() }),
		).rejects.toMatchObject(forbidden);
		await expect(
			caller.invoices.markPaid({ id: customer.id, paidOn: today }),
		).rejects.toMatchObject(forbidden);
		await expect(caller.invoices.void({ id: customer.id })).rejects.toMatchObject(forbidden);
		await expect(caller.invoices.delete({ id: customer.id })).rejects.toMatchObject(forbidden);
		expect((await caller.invoices.list({ customerId: customer.id })).items).toEqual([]);
	});

	it('an expired trial falls back to Starter', async () => {
		const { caller, customer } = await withCustomer({
			plan: 'grow',
			trialEndsAt: new Date(Date.now() - 1000),
		});
		await expect(
			caller.invoices.create({ customerId: customer.id, ...draft() }),
		).rejects.toMatchObject({ code: 'FORBIDDEN' });
	});

	it("never lets another business see or change an invoice, or invoice another business's customer", async () => {
		const owner = await withCustomer();
		const intruder = await withCustomer();
		const invoice = await owner.caller.invoices.create({
			customerId: owner.customer.id,
			...draft(),
		});
		const notFound = { code: 'NOT_FOUND' };
		await expect(intruder.caller.invoices.byId({ id: invoice.id })).rejects.toMatchObject(notFound);
		await expect(
			intruder.caller.invoices.list({ customerId: owner.customer.id }),
		).rejects.toMatchObject(notFound);
		await expect(
			intruder.caller.invoices.create({ customerId: owner.customer.id, ...draft() }),
		).rejects.toMatchObject(notFound);
		await expect(
			intruder.caller.invoices.update({ id: invoice.id, version: 1, ...draft() }),
		).rejects.toMatchObject(notFound);
		await expect(
			intruder.caller.invoices.markPaid({ id: invoice.id, paidOn: today }),
		).rejects.toMatchObject(notFound);
		await expect(intruder.caller.invoices.void({ id: invoice.id })).rejects.toMatchObject(notFound);
		await expect(intruder.caller.invoices.delete({ id: invoice.id })).rejects.toMatchObject(
			notFound,
		);
		// Numbers are per business: the intruder's own sequence starts at 1.
		expect(await intruder.caller.invoices.nextNumber()).toBe('INV-0001');
		expect(await owner.caller.invoices.byId({ id: invoice.id })).toMatchObject({
			status: 'draft',
			version: 1,
		});
	});
});
