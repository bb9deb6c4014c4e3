import { createTestCustomer } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { createTestInvoice, useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import { sendInvoice } from '../invoices/send.ts';
import { markMessagesRead } from '../messages/mark-read.ts';
import { sendReply } from '../messages/send-reply.ts';
import { deliverEmail } from './deliver.ts';
import { type DeliverEmailDeps, type OutgoingEmail, UndeliverableError } from './deps.ts';
import { retryEmail } from './retry.ts';

const { db, jobs, mail, signedIn } = useHarness();
const deps = { db, jobs, mail };

/** The worker's transport and templates stand in as plain functions: no SMTP here. */
function deliveryDeps(outbox: OutgoingEmail[], refuse?: Error): DeliverEmailDeps {
	return {
		db,
		mailer: {
			async send(email) {
				if (refuse) throw refuse;
				outbox.push(email);
				return '250 OK';
			},
		},
		templates: {
			invoice: (c) => ({
				html: `<p>${c.invoice.number}</p>`,
				text: `${c.invoice.number} ${c.link}`,
			}),
			reply: (c) => ({ html: `<p>${c.body}</p>`, text: c.body }),
		},
		origin: 'https://app.rapport.test/',
		mailDomain: 'rapport.test',
	};
}
const once = { attemptsMade: 0, attempts: 5 };

const rowOf = (table: 'messages' | 'invoices', id: string) =>
	db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function business() {
	const { business } = await signedIn();
	const actor = systemActor(business.id);
	return { actor, customer: await createTestCustomer(db, business.id) };
}

describe('outbound email use cases', () => {
	it('Send invoice issues it at once; deliverEmail sends it once, with its PDF and link', async () => {
		const { actor, customer } = await business();
		const invoice = await createTestInvoice(deps, actor, customer.id);
		const { messageId } = await sendInvoice(deps, actor, invoice);
		// Issued in the transaction that queued the email: delivery is a separate fact.
		expect(await rowOf('invoices', invoice.id)).toMatchObject({
			status: 'sent',
			issuedAt: expect.any(Date),
			publicToken: expect.any(String),
			issuedSnapshot: expect.objectContaining({ version: 2 }),
		});
		expect(await rowOf('messages', messageId)).toMatchObject({ kind: 'invoice' });

		const outbox: OutgoingEmail[] = [];
		expect(await deliverEmail(deliveryDeps(outbox), { messageId, attempt: once })).toEqual({
			sent: true,
		});
		expect(await deliverEmail(deliveryDeps(outbox), { messageId, attempt: once })).toEqual({
			skipped: 'sent',
		});
		expect(outbox).toHaveLength(1);
		const token = (await rowOf('invoices', invoice.id)).publicToken;
		expect(outbox[0]?.text).toContain(`https://app.rapport.test/i/${token}`);
		expect(outbox[0]?.attachments?.[0]?.contentType).toBe('application/pdf');
		expect(await rowOf('invoices', invoice.id)).toMatchObject({ status: 'sent' });
		expect(await rowOf('messages', messageId)).toMatchObject({ deliveryState: 'sent' });
	});

	it('a temporary SMTP failure puts the email back in the queue; the last attempt fails it', async () => {
		const { actor, customer } = await business();
		const reply = await sendReply(deps, actor, { customerId: customer.id, body: 'Hello' });
		const busy = Object.assign(new Error('try later'), { responseCode: 421 });
		await expect(
			deliverEmail(deliveryDeps([], busy), { messageId: reply.id, attempt: once }),
		).rejects.not.toBeInstanceOf(UndeliverableError);
		expect((await rowOf('messages', reply.id)).deliveryState).toBe('queued');
		await expect(
			deliverEmail(deliveryDeps([], busy), {
				messageId: reply.id,
				attempt: { attemptsMade: 4, attempts: 5 },
			}),
		).rejects.toBeInstanceOf(UndeliverableError);
		expect((await rowOf('messages', reply.id)).deliveryState).toBe('failed');

		const stranger = await business();
		await expect(retryEmail(deps, stranger.actor, { messageId: reply.id })).rejects.toBeInstanceOf(
			NotFoundError,
		);
		await retryEmail(deps, actor, { messageId: reply.id });
		expect((await rowOf('messages', reply.id)).deliveryState).toBe('queued');
	});

	it('an invoice whose public link was revoked is never emailed: failed at once, still issued', async () => {
		const { actor, customer } = await business();
		const invoice = await createTestInvoice(deps, actor, customer.id);
		const { messageId } = await sendInvoice(deps, actor, invoice);
		await db
			.updateTable('invoices')
			.set({ publicToken: null })
			.where('id', '=', invoice.id)
			.execute();
		await expect(
			deliverEmail(deliveryDeps([]), { messageId, attempt: once }),
		).rejects.toBeInstanceOf(UndeliverableError);
		expect(await rowOf('messages', messageId)).toMatchObject({
			deliveryState: 'failed',
			deliveryError: 'The invoice has no public link (was it voided?).',
		});
		expect((await rowOf('invoices', invoice.id)).status).toBe('sent');
	});

	it("replies and read marks stay within the business; a reply needs the customer's email", async () => {
		const { actor, customer } = await business();
		const stranger = await business();
		await expect(
			sendReply(deps, stranger.actor, { customerId: customer.id, body: 'Hi' }),
		).rejects.toBeInstanceOf(NotFoundError);
		const noEmail = await createTestCustomer(db, actor.businessId, { email: null });
		await expect(
			sendReply(deps, actor, { customerId: noEmail.id, body: 'Hi' }),
		).rejects.toBeInstanceOf(FieldValidationError);
		expect(await markMessagesRead(deps, stranger.actor, { customerId: customer.id })).toEqual({
			marked: 0,
		});
	});
});
