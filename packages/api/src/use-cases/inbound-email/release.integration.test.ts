import { randomUUID } from 'node:crypto';
import { quarantineEmail } from '@rapport/db';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import { releaseHeldEmail } from './release.ts';

const { db, signedIn } = useHarness();

const payload = (body: string) => ({
	subject: 'Quote',
	body,
	bodyFull: body,
	senderName: 'New Person',
	senderEmail: null,
	rfcMessageId: null,
	inReplyTo: null,
	attachments: [],
	receivedAt: new Date().toISOString(),
});

async function hold(businessId: string, sender: string, body: string | object) {
	const sourceId = `email-${randomUUID()}`;
	await quarantineEmail(db, businessId, {
		sourceId,
		senderName: 'New Person',
		senderEmail: sender,
		subject: 'Quote',
		reason: 'unknown-sender',
		payload: typeof body === 'string' ? payload(body) : body,
	});
	return (
		await db
			.selectFrom('emailQuarantine')
			.select('id')
			.where('sourceId', '=', sourceId)
			.executeTakeFirstOrThrow()
	).id;
}

describe('releaseHeldEmail', () => {
	it('releases held mail of one new sender at the same moment into one customer', async () => {
		const { business } = await signedIn();
		const sender = `new-${randomUUID().slice(0, 8)}@example.test`;
		const ids = await Promise.all(['one', 'two', 'three'].map((b) => hold(business.id, sender, b)));
		const actor = systemActor(business.id);
		const results = await Promise.all(ids.map((id) => releaseHeldEmail({ db }, actor, { id })));
		expect(new Set(results.map((r) => r.customerId)).size).toBe(1);
		const customers = await db
			.selectFrom('customers')
			.select('id')
			.where('businessId', '=', business.id)
			.execute();
		expect(customers).toHaveLength(1);
		const bodies = await db
			.selectFrom('messages')
			.select('body')
			.where('customerId', '=', customers[0]!.id)
			.execute();
		expect(bodies.map((b) => b.body).sort()).toEqual(['one', 'three', 'two']);
	});

	it('validates the held payload instead of trusting it, and changes nothing when it is bad', async () => {
		const { business } = await signedIn();
		const id = await hold(business.id, `bad-${randomUUID().slice(0, 8)}@example.test`, {
			body: 42,
		});
		await expect(releaseHeldEmail({ db }, systemActor(business.id), { id })).rejects.toThrow();
		const row = await db
			.selectFrom('emailQuarantine')
			.select('releasedAt')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.releasedAt).toBeNull();
	});

	it('finds nothing of another business', async () => {
		const a = await signedIn();
		const b = await signedIn();
		const id = await hold(a.business.id, `x-${randomUUID().slice(0, 8)}@example.test`, 'hi');
		await expect(
			releaseHeldEmail({ db }, systemActor(b.business.id), { id }),
		).rejects.toMatchObject({
			name: 'NotFoundError',
		});
	});
});
