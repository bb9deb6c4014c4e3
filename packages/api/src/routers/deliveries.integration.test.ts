import { randomUUID } from 'node:crypto';
import { insertOutboundEmail } from '@rapport/db';
import { createTestCustomer } from '@rapport/db/testing';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../testing/harness.ts';

const { db, signedIn } = useHarness();

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
});
