import { randomUUID } from 'node:crypto';
import { insertOutboundEmail } from '@rapport/db';
import { createTestCustomer } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { createTestInvoice, sendTestInvoice, useHarness } from '../testing/harness.ts';
import { systemActor } from '../use-cases/actor.ts';

const { db, jobs, mail, signedIn } = useHarness();

describe('deliveries', () => {
	it('lists an uncertain email with its state; Retry (the owner’s choice) queues it again, for its owner only', async () => {
		const owner = await signedIn();
		const stranger = await signedIn();
		const customer = await createTestCustomer(db, owner.business.id);
		const { id } = await insertOutboundEmail(db, owner.business.id, {
			kind: 'reply',
			customerId: customer.id,
			subject: 'Your booking',
			body: 'See you',
			recipient: customer.email,
			rfcMessageId: `<${randomUUID()}@rapport.test>`,
			inReplyTo: null,
			invoiceId: null,
		});
		await db
			.updateTable('messages')
			.set({ deliveryState: 'uncertain', deliveryError: 'may have arrived' })
			.where('id', '=', id)
			.execute();

		expect(await owner.caller.deliveries.failed()).toEqual([
			expect.objectContaining({
				id,
				deliveryState: 'uncertain',
				deliveryError: 'may have arrived',
			}),
		]);
		expect(await stranger.caller.deliveries.failed()).toEqual([]);
		await expect(stranger.caller.deliveries.retry({ messageId: id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});

		await owner.caller.deliveries.retry({ messageId: id });
		const row = await db
			.selectFrom('messages')
			.select(['deliveryState', 'deliveryError'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ deliveryState: 'queued', deliveryError: null });
		expect(await owner.caller.deliveries.failed()).toEqual([]);
	});

	it('a failed reminder leaves the list once its invoice is paid (it needs nothing more)', async () => {
		const owner = await signedIn();
		const actor = systemActor(owner.business.id);
		const customer = await createTestCustomer(db, owner.business.id);
		const invoice = await createTestInvoice({ db }, actor, customer.id);
		await sendTestInvoice({ db, jobs, mail }, actor, invoice.id);
		const { id } = await insertOutboundEmail(db, owner.business.id, {
			kind: 'reminder',
			customerId: customer.id,
			subject: 'Reminder',
			body: 'Still due',
			recipient: customer.email,
			rfcMessageId: `<${randomUUID()}@rapport.test>`,
			inReplyTo: null,
			invoiceId: invoice.id,
		});
		await db
			.updateTable('messages')
			.set({ deliveryState: 'failed', deliveryError: '550 mailbox unavailable' })
			.where('id', '=', id)
			.execute();
		expect((await owner.caller.deliveries.failed()).map((m) => m.id)).toEqual([id]);

		await owner.caller.payments.record({
			invoiceId: invoice.id,
			amount: '50.00',
			paidOn: new Date().toISOString().slice(0, 10),
			method: 'cash',
		});
		expect(await owner.caller.deliveries.failed()).toEqual([]);
		// Still in the customer's log as it happened.
		const row = await db
			.selectFrom('messages')
			.select('deliveryState')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.deliveryState).toBe('failed');
	});
});
