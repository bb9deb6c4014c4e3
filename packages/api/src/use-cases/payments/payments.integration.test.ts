import { createTestCustomer } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { createTestInvoice, sendTestInvoice, useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import { voidInvoice } from '../invoices/void.ts';

const { db, jobs, mail, signedIn } = useHarness();
const deps = { db, jobs, mail };
const today = new Date().toISOString().slice(0, 10);

/** A signed-in owner with a customer and a sent invoice of 50.00 (the test invoice's one line). */
async function sentInvoice() {
	const owner = await signedIn();
	const actor = systemActor(owner.business.id);
	const customer = await createTestCustomer(db, owner.business.id);
	const { id } = await createTestInvoice(deps, actor, customer.id);
	await sendTestInvoice(deps, actor, id);
	return { ...owner, actor, customer, invoiceId: id };
}

const openBalanceOf = async (customerId: string) =>
	(
		await db
			.selectFrom('customers')
			.select('openBalanceMinor')
			.where('id', '=', customerId)
			.executeTakeFirstOrThrow()
	).openBalanceMinor;

const pay = (amount: string, invoiceId: string) => ({
	invoiceId,
	amount,
	paidOn: today,
	method: 'bank_transfer' as const,
});

describe('payments', () => {
	it('a partial payment leaves the invoice partially paid with its balance; deleting it reopens', async () => {
		const { caller, customer, invoiceId } = await sentInvoice();
		expect(await openBalanceOf(customer.id)).toBe(5000);

		const partial = await caller.payments.record({ ...pay('20.00', invoiceId), reference: 'TR-1' });
		expect(partial).toMatchObject({
			status: 'sent',
			displayStatus: 'partially_paid',
			paidMinor: 2000,
			balanceDueMinor: 3000,
		});
		expect(partial.payments).toMatchObject([{ amountMinor: 2000, reference: 'TR-1' }]);
		expect(await openBalanceOf(customer.id)).toBe(3000);

		const paid = await caller.payments.record(pay('30.00', invoiceId));
		expect(paid).toMatchObject({ status: 'paid', paidOn: today, balanceDueMinor: 0 });
		expect(await openBalanceOf(customer.id)).toBe(0);

		const reopened = await caller.payments.delete({ id: paid.payments[1]!.id });
		expect(reopened).toMatchObject({ status: 'sent', paidOn: null, paidMinor: 2000 });
		// Kept in the history with who removed it.
		expect(reopened.payments[1]).toMatchObject({
			amountMinor: 3000,
			deletedByName: expect.any(String),
		});
		expect(reopened.payments[1]!.deletedAt).not.toBeNull();
		expect(await openBalanceOf(customer.id)).toBe(3000);
		// Deleting again changes nothing.
		expect(await caller.payments.delete({ id: paid.payments[1]!.id })).toMatchObject({
			paidMinor: 2000,
		});
	});

	it('refuses overpayment, bad amounts and dates with field errors, leaving the ledger as it was', async () => {
		const { caller, invoiceId } = await sentInvoice();
		const fieldErrorsOf = (input: ReturnType<typeof pay>) =>
			caller.payments.record(input).then(
				() => null,
				(e: { cause?: { fieldErrors?: Record<string, string[]> } }) => e.cause?.fieldErrors,
			);
		expect(await fieldErrorsOf(pay('50.01', invoiceId))).toEqual({
			amount: [expect.stringContaining('more than the balance due')],
		});
		expect(await fieldErrorsOf(pay('0', invoiceId))).toEqual({
			amount: ['Enter an amount above zero'],
		});
		expect(await fieldErrorsOf(pay('1.001', invoiceId))).toEqual({
			amount: [expect.stringContaining('decimals')],
		});
		expect(await fieldErrorsOf({ ...pay('1', invoiceId), paidOn: '2999-01-01' })).toEqual({
			paidOn: ['The payment date cannot be in the future'],
		});
		const view = await caller.invoices.byId({ id: invoiceId });
		expect(view).toMatchObject({ paidMinor: 0, status: 'sent', payments: [] });
	});

	it('is not offered on drafts or void invoices', async () => {
		const { caller, actor, customer, invoiceId } = await sentInvoice();
		const draft = await createTestInvoice(deps, actor, customer.id);
		await expect(caller.payments.record(pay('1', draft.id))).rejects.toMatchObject({
			code: 'CONFLICT',
			message: expect.stringContaining('Issue the invoice first'),
		});
		await voidInvoice(deps, actor, { id: invoiceId });
		await expect(caller.payments.record(pay('1', invoiceId))).rejects.toMatchObject({
			code: 'CONFLICT',
			message: 'A void invoice cannot be paid.',
		});
		expect(await openBalanceOf(customer.id)).toBe(0);
	});

	it('Mark as paid records the rest of the balance; on a draft it issues and pays at once', async () => {
		const { caller, actor, customer, invoiceId } = await sentInvoice();
		await caller.payments.record(pay('20.00', invoiceId));
		const paid = await caller.invoices.markPaid({ id: invoiceId, paidOn: today, method: 'cash' });
		expect(paid.payments.map((p) => [p.amountMinor, p.method])).toEqual([
			[2000, 'bank_transfer'],
			[3000, 'cash'],
		]);
		expect(paid.status).toBe('paid');

		const draft = await createTestInvoice(deps, actor, customer.id);
		const counter = await caller.invoices.markPaid({ id: draft.id, paidOn: today });
		expect(counter).toMatchObject({ status: 'paid', paidMinor: 5000, issuedAt: expect.any(Date) });
		expect(counter.payments).toHaveLength(1);
		expect(await openBalanceOf(customer.id)).toBe(0);
	});

	it("never records, deletes or shows another business's payments", async () => {
		const owner = await sentInvoice();
		const intruder = await signedIn();
		const recorded = await owner.caller.payments.record(pay('10.00', owner.invoiceId));
		const paymentId = recorded.payments[0]!.id;
		await expect(intruder.caller.payments.record(pay('1', owner.invoiceId))).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		await expect(intruder.caller.payments.delete({ id: paymentId })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		const view = await owner.caller.invoices.byId({ id: owner.invoiceId });
		expect(view.payments.map((p) => p.deletedAt)).toEqual([null]);
		expect(view.paidMinor).toBe(1000);
	});

	it('concurrent payments never exceed the total and the open balance stays exact', async () => {
		const { caller, actor, customer, invoiceId } = await sentInvoice();
		const second = await createTestInvoice(deps, actor, customer.id);
		await sendTestInvoice(deps, actor, second.id);
		expect(await openBalanceOf(customer.id)).toBe(10000);
		// Ten payments of 10.00 race for each 50.00 invoice: five fit on each.
		const attempts = [invoiceId, second.id].flatMap((id) =>
			Array.from({ length: 10 }, () => caller.payments.record(pay('10.00', id))),
		);
		const results = await Promise.allSettled(attempts);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
		for (const id of [invoiceId, second.id]) {
			expect(await caller.invoices.byId({ id })).toMatchObject({ status: 'paid', paidMinor: 5000 });
		}
		expect(await openBalanceOf(customer.id)).toBe(0);
	});

	it('refuses payment writes on the Starter plan', async () => {
		const { caller, invoiceId, business } = await sentInvoice();
		await db
			.updateTable('businesses')
			.set({ plan: 'starter', trialEndsAt: null })
			.where('id', '=', business.id)
			.execute();
		await expect(caller.payments.record(pay('1', invoiceId))).rejects.toMatchObject({
			code: 'FORBIDDEN',
		});
	});
});
