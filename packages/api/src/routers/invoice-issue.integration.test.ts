import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { todayUtc } from '../domain/invoice-status.ts';
import { useHarness } from '../testing/harness.ts';
import { systemActor } from '../use-cases/actor.ts';
import { openPublicInvoice } from '../use-cases/invoices/open-public.ts';
import { renderInvoicePdf } from '../use-cases/invoices/pdf.ts';

const { signedIn, db } = useHarness();
const today = todayUtc();

async function draftFor(email: string | null = 'ana@example.com') {
	const session = await signedIn({ name: 'Bloom & Co.' });
	const customer = await session.caller.customers.create({ name: 'Ana Lima', email: email ?? '' });
	const invoice = await session.caller.invoices.create({
		customerId: customer.id,
		issueDate: today,
		dueDate: today,
		items: [{ description: 'Bouquet', quantity: '2', unitPrice: '25.00' }],
	});
	return { ...session, customer, invoice };
}

const invoiceEmails = (invoiceId: string) =>
	db
		.selectFrom('messages')
		.select(['kind', 'recipient', 'subject', 'body', 'deliveryState'])
		.where('invoiceId', '=', invoiceId)
		.orderBy('createdAt')
		.execute();

const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-', '-'], { input: pdf }).toString();

describe('issuing invoices', () => {
	it('Send invoice issues at once and queues one invoice email with the dialog’s values', async () => {
		const { caller, invoice } = await draftFor();
		const defaults = await caller.invoices.emailDefaults({ id: invoice.id });
		expect(defaults).toEqual({
			to: 'ana@example.com',
			subject: 'Invoice INV-0001 from Bloom & Co.',
			message: expect.stringMatching(/^Here is invoice INV-0001 for \$50\.00, due on /),
		});
		const view = await caller.invoices.send({
			id: invoice.id,
			to: 'ana.lima@example.org',
			subject: 'Your invoice',
			message: 'Thanks for the order!\nAna',
		});
		expect(view).toMatchObject({ status: 'sent', issuedAt: expect.any(Date) });
		expect(view.publicToken).toEqual(expect.any(String));
		expect(view.delivery).toMatchObject({ deliveryState: 'queued' });
		expect(await invoiceEmails(invoice.id)).toEqual([
			{
				kind: 'invoice',
				recipient: 'ana.lima@example.org',
				subject: 'Your invoice',
				body: 'Thanks for the order!\nAna',
				deliveryState: 'queued',
			},
		]);
		// Issued, owed, locked.
		expect((await caller.invoices.list({ customerId: view.customerId })).outstandingMinor).toBe(
			5000,
		);
		await expect(
			caller.invoices.update({
				id: invoice.id,
				version: view.version,
				issueDate: today,
				dueDate: today,
				items: [{ description: 'x', quantity: '1', unitPrice: '1' }],
			}),
		).rejects.toMatchObject({
			code: 'CONFLICT',
			message: expect.stringMatching(/cannot be edited/),
		});
		await expect(caller.invoices.send({ id: invoice.id })).resolves.toMatchObject({
			status: 'sent',
		});
		expect(await invoiceEmails(invoice.id)).toHaveLength(1);
	});

	it('refuses a malformed To and a subject with CR/LF, changing nothing', async () => {
		const { caller, invoice } = await draftFor();
		await expect(
			caller.invoices.send({ id: invoice.id, to: 'not-an-email' }),
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await expect(
			caller.invoices.send({ id: invoice.id, subject: 'Hi\r\nBcc: victim@example.com' }),
		).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/single line/) });
		expect((await caller.invoices.byId({ id: invoice.id })).status).toBe('draft');
		expect(await invoiceEmails(invoice.id)).toEqual([]);
	});

	it('Issue without sending issues with a public link and no email, even without a customer email', async () => {
		const { caller, invoice } = await draftFor(null);
		const view = await caller.invoices.issue({ id: invoice.id });
		expect(view).toMatchObject({ status: 'sent', sentAt: null, delivery: null });
		expect(view.publicToken).toEqual(expect.any(String));
		expect(await invoiceEmails(invoice.id)).toEqual([]);
		expect(
			await openPublicInvoice({ db }, { token: view.publicToken!, recordView: false }),
		).toMatchObject({
			status: 'sent',
			invoice: { number: 'INV-0001' },
		});
		await expect(caller.invoices.issue({ id: invoice.id })).rejects.toMatchObject({
			code: 'CONFLICT',
			message: 'This invoice has already been issued.',
		});
		// Sending it later needs an address: typed in the dialog, it goes there.
		await expect(caller.invoices.sendAgain({ id: invoice.id })).rejects.toMatchObject({
			code: 'BAD_REQUEST',
		});
		await caller.invoices.sendAgain({ id: invoice.id, to: 'found@example.com' });
		expect(await invoiceEmails(invoice.id)).toMatchObject([
			{ kind: 'invoice', recipient: 'found@example.com' },
		]);
	});

	it('Send again queues another invoice email for an issued invoice, never for a draft or a void one', async () => {
		const { caller, invoice } = await draftFor();
		await expect(caller.invoices.sendAgain({ id: invoice.id })).rejects.toMatchObject({
			code: 'CONFLICT',
			message: 'This invoice has not been sent yet; send it first.',
		});
		await caller.invoices.send({ id: invoice.id });
		// One live send at a time.
		await expect(caller.invoices.sendAgain({ id: invoice.id })).rejects.toMatchObject({
			code: 'CONFLICT',
			message: 'This invoice is already being sent.',
		});
		await db
			.updateTable('messages')
			.set({ deliveryState: 'failed', deliveryError: '550 no such user' })
			.where('invoiceId', '=', invoice.id)
			.execute();
		const [failed] = await db
			.selectFrom('messages')
			.select('id')
			.where('invoiceId', '=', invoice.id)
			.execute();
		const view = await caller.invoices.sendAgain({ id: invoice.id, to: 'right@example.com' });
		// Retrying the failed one now would be a second live send: refused, not a 500.
		await expect(caller.deliveries.retry({ messageId: failed!.id })).rejects.toMatchObject({
			code: 'CONFLICT',
			message: 'This invoice is already being sent.',
		});
		expect(view.delivery).toMatchObject({
			deliveryState: 'queued',
			recipient: 'right@example.com',
		});
		expect(view.status).toBe('sent');
		expect(await invoiceEmails(invoice.id)).toHaveLength(2);

		await db
			.updateTable('messages')
			.set({ deliveryState: 'sent' })
			.where('invoiceId', '=', invoice.id)
			.execute();
		await caller.invoices.void({ id: invoice.id });
		await expect(caller.invoices.sendAgain({ id: invoice.id })).rejects.toMatchObject({
			code: 'CONFLICT',
			message: 'A void invoice cannot be sent.',
		});
	});

	it('the issued document never changes when the business or customer changes, and is never a draft', async () => {
		const { caller, invoice, customer, business } = await draftFor();
		const draftPdf = await caller.invoices.byId({ id: invoice.id });
		expect(draftPdf.document.invoice.statusLabel).toBe('Draft');
		const issued = await caller.invoices.issue({ id: invoice.id });

		await db
			.updateTable('businesses')
			.set({ name: 'Renamed Ltd', address: 'Elsewhere 1' })
			.where('id', '=', business.id)
			.execute();
		await caller.customers.update({
			id: customer.id,
			name: 'Someone Else',
			email: 'else@example.com',
		});

		const view = await caller.invoices.byId({ id: invoice.id });
		expect(view.document.business.name).toBe('Bloom & Co.');
		expect(view.document.customer).toMatchObject({ name: 'Ana Lima', email: 'ana@example.com' });
		const page = await openPublicInvoice({ db }, { token: issued.publicToken!, recordView: false });
		expect(page?.business.name).toBe('Bloom & Co.');
		expect(page?.customer.name).toBe('Ana Lima');

		const { pdf } = await renderInvoicePdf({ db }, systemActor(business.id), { id: invoice.id });
		const text = pdfText(pdf);
		expect(text).toContain('Bloom & Co.');
		expect(text).toContain('Ana Lima');
		expect(text).not.toContain('Renamed Ltd');
		expect(text).not.toContain('Someone Else');
		expect(text.toLowerCase()).not.toContain('draft');
		// Sending it again goes to the customer's address as it is now.
		expect((await caller.invoices.emailDefaults({ id: invoice.id })).to).toBe('else@example.com');
	});

	it('Mark as paid on a draft issues it too: its document is frozen', async () => {
		const { caller, invoice, business } = await draftFor();
		await caller.invoices.markPaid({ id: invoice.id, paidOn: today });
		await db
			.updateTable('businesses')
			.set({ name: 'Renamed Ltd' })
			.where('id', '=', business.id)
			.execute();
		const view = await caller.invoices.byId({ id: invoice.id });
		expect(view).toMatchObject({ status: 'paid', issuedAt: expect.any(Date) });
		expect(view.document.business.name).toBe('Bloom & Co.');
		await caller.invoices.sendAgain({ id: invoice.id });
		expect((await caller.invoices.byId({ id: invoice.id })).publicToken).toEqual(
			expect.any(String),
		);
	});

	it('the new procedures stay inside the business', async () => {
		const { invoice } = await draftFor();
		const stranger = await signedIn();
		for (const call of [
			() => stranger.caller.invoices.issue({ id: invoice.id }),
			() => stranger.caller.invoices.sendAgain({ id: invoice.id }),
			() => stranger.caller.invoices.emailDefaults({ id: invoice.id }),
			() => stranger.caller.invoices.send({ id: invoice.id, to: 'x@example.com' }),
		]) {
			await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
		}
		expect(
			(
				await db
					.selectFrom('invoices')
					.select('status')
					.where('id', '=', invoice.id)
					.executeTakeFirstOrThrow()
			).status,
		).toBe('draft');
	});
});
