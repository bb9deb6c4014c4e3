import { describe, expect, it } from 'vitest';
import { useHarness } from '../testing/harness.ts';

const { signedIn, db } = useHarness();

async function withConversation(count: number) {
	const session = await signedIn({ name: 'Bloom' });
	const customer = await session.caller.customers.create({
		name: 'Ada',
		email: `ada-${Date.now()}@example.test`,
	});
	const base = Date.now() - count * 1000;
	await db
		.insertInto('messages')
		.values(
			Array.from({ length: count }, (_, i) => ({
				businessId: session.business.id,
				customerId: customer.id,
				direction: 'inbound' as const,
				channel: 'email' as const,
				subject: `Subject ${i}`,
				body: `Message ${i}`,
				createdAt: new Date(base + i * 1000),
			})),
		)
		.execute();
	return { ...session, customer };
}

describe('messages router', () => {
	it('shows the newest page first, oldest → newest, and pages back in time without gaps', async () => {
		const { caller, customer } = await withConversation(7);
		const first = await caller.messages.list({ customerId: customer.id, limit: 3 });
		expect(first.items.map((m) => m.body)).toEqual(['Message 4', 'Message 5', 'Message 6']);
		const second = await caller.messages.list({
			customerId: customer.id,
			limit: 3,
			before: first.olderCursor,
		});
		expect(second.items.map((m) => m.body)).toEqual(['Message 1', 'Message 2', 'Message 3']);
		const third = await caller.messages.list({
			customerId: customer.id,
			limit: 3,
			before: second.olderCursor,
		});
		expect(third.items.map((m) => m.body)).toEqual(['Message 0']);
		expect(third.olderCursor).toBeNull();
	});

	it('counts unread inbound messages on the customer list until the tab is opened', async () => {
		const { caller, customer } = await withConversation(2);
		expect((await caller.customers.list({})).items.find((c) => c.id === customer.id)?.unread).toBe(
			2,
		);
		expect(await caller.messages.markRead({ customerId: customer.id })).toEqual({ marked: 2 });
		expect((await caller.customers.list({})).items.find((c) => c.id === customer.id)?.unread).toBe(
			0,
		);
	});

	it('queues a reply that answers the latest inbound message', async () => {
		const { caller, customer } = await withConversation(1);
		const reply = await caller.messages.reply({ customerId: customer.id, body: 'Thanks!' });
		const row = await db
			.selectFrom('messages')
			.selectAll()
			.where('id', '=', reply.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			direction: 'outbound',
			deliveryState: 'queued',
			subject: 'Re: Subject 0',
			recipient: customer.email,
		});
		expect(row.rfcMessageId).toMatch(/@rapport\.test>$/);
		await expect(
			caller.messages.reply({ customerId: customer.id, body: '  ' }),
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	});

	it("never shows or touches another business's conversation", async () => {
		const owner = await withConversation(2);
		const intruder = await signedIn();
		await expect(
			intruder.caller.messages.list({ customerId: owner.customer.id }),
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect(
			intruder.caller.messages.reply({ customerId: owner.customer.id, body: 'hi' }),
		).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		expect(await intruder.caller.messages.markRead({ customerId: owner.customer.id })).toEqual({
			marked: 0,
		});
		expect((await owner.caller.customers.list({})).items[0]?.unread).toBe(2);
	});
});
