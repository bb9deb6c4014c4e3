import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestCustomer } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { renderInvoicePdf } from '../../documents/invoice-pdf.ts';
import { todayUtc } from '../../domain/invoice-status.ts';
import { createTestInvoice, sendTestInvoice, useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import { openPublicInvoice } from './open-public.ts';

const run = promisify(execFile);
const { db, jobs, mail, signedIn } = useHarness();
const deps = { db, jobs, mail };

const daysAgo = (days: number) =>
	new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function pdfText(pdf: Buffer) {
	const child = run('pdftotext', ['-layout', '-', '-']);
	child.child.stdin?.end(pdf);
	return (await child).stdout.replace(/[\u00a0\u202f]/g, ' ');
}

/** A sent invoice of 50.00, issued ten days ago and due five days ago: overdue while unpaid. */
async function overdueInvoice(business: Parameters<typeof signedIn>[0] = {}) {
	const owner = await signedIn({ timeZone: 'UTC', ...business });
	const actor = systemActor(owner.business.id);
	const customer = await createTestCustomer(db, owner.business.id);
	const dates = { issueDate: daysAgo(10), dueDate: daysAgo(5) };
	const { id } = await createTestInvoice(deps, actor, customer.id, dates);
	await sendTestInvoice(deps, actor, id);
	return { ...owner, customer, invoiceId: id };
}

const payment = (invoiceId: string, amount: string) => ({
	invoiceId,
	amount,
	paidOn: todayUtc(),
	method: 'cash' as const,
});

describe('the document the customer sees, with payments', () => {
	it('shows what was paid and the balance due on the view, the public page, the PDF and the customer', async () => {
		const { caller, customer, invoiceId } = await overdueInvoice();
		const partial = await caller.payments.record(payment(invoiceId, '20.00'));
		expect(partial.document.status).toBe('partially_paid');
		expect(partial.document.invoice).toMatchObject({
			statusLabel: 'Partially paid · Overdue',
			statusKey: 'partially_paid',
			overdue: true,
			paidAt: null,
		});
		expect(partial.document.totals).toMatchObject({
			totalMinor: 5000,
			amountPaidMinor: 2000,
			balanceDueMinor: 3000,
		});

		// The customer's copy says the same.
		const shared = await openPublicInvoice(deps, {
			token: partial.publicToken!,
			recordView: false,
		});
		expect(shared?.totals).toMatchObject({ amountPaidMinor: 2000, balanceDueMinor: 3000 });
		const text = await pdfText(await renderInvoicePdf(shared!));
		expect(text).toMatch(/Amount paid\s+\$20\.00/);
		expect(text).toMatch(/Balance due\s+\$30\.00/);
		expect(text.replaceAll(' ', '')).toContain('PARTIALLYPAID·OVERDUE');

		// The customer list and the profile show the open balance.
		expect((await caller.customers.byId({ id: customer.id })).openBalanceMinor).toBe(3000);
		const listed = await caller.customers.list({ limit: 25 });
		expect(listed.items.find((c) => c.id === customer.id)?.openBalanceMinor).toBe(3000);

		// Paid in full: the payment date is the last payment's, nothing is due.
		const paid = await caller.payments.record(payment(invoiceId, '30.00'));
		expect(paid.document.status).toBe('paid');
		expect(paid.document.invoice).toMatchObject({ paidAt: todayUtc(), overdue: false });
		expect(paid.document.totals).toMatchObject({ amountPaidMinor: 5000, balanceDueMinor: 0 });
		expect((await caller.customers.byId({ id: customer.id })).openBalanceMinor).toBe(0);

		// A deleted payment leaves the document: Overdue again, the balance back.
		const reopened = await caller.payments.delete({ id: paid.payments[1]!.id });
		expect(reopened.document).toMatchObject({
			status: 'partially_paid',
			invoice: { paidAt: null, overdue: true },
			totals: { amountPaidMinor: 2000, balanceDueMinor: 3000 },
		});
	});

	it('prints the balance lines in the language the invoice was issued in', async () => {
		const { caller, invoiceId } = await overdueInvoice({
			language: 'fr',
			locale: 'fr-FR',
			currency: 'EUR',
		});
		const partial = await caller.payments.record(payment(invoiceId, '20.00'));
		const text = await pdfText(await renderInvoicePdf(partial.document));
		expect(text).toMatch(/Montant réglé\s+20,00 €/);
		expect(text).toMatch(/Reste à payer\s+30,00 €/);
		expect(text.replaceAll(' ', '')).toContain('PARTIELLEMENTPAYÉE·ENRETARD');
	});

	it('an unpaid invoice has no payment lines and an owner sees only their own balances', async () => {
		const { caller, customer, invoiceId } = await overdueInvoice();
		const view = await caller.invoices.byId({ id: invoiceId });
		expect(view.document.totals).toMatchObject({ amountPaidMinor: 0, balanceDueMinor: 5000 });
		expect(view.document.invoice.statusLabel).toBe('Overdue');
		expect(await pdfText(await renderInvoicePdf(view.document))).not.toMatch(/Balance due/);

		const other = await signedIn();
		await expect(other.caller.customers.byId({ id: customer.id })).rejects.toThrow();
		const theirs = await other.caller.customers.list({ limit: 25 });
		expect(theirs.items.some((c) => c.id === customer.id)).toBe(false);
	});
});
