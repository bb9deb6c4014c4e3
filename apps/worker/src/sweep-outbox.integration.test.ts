import { randomUUID } from 'node:crypto';
import { sendEmailJobId } from '@rapport/api/jobs';
import { createDb, type DeliveryState, insertOutboundEmail } from '@rapport/db';
import { createTestBusiness, createTestCustomer, testDatabaseUrl } from '@rapport/db/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { UNCERTAIN_OUTCOME } from './processors/send-email.ts';
import { IN_FLIGHT_GRACE_MS, sweepOutbox } from './processors/sweep-outbox.ts';

const db = createDb(testDatabaseUrl());
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const emailQueue = new Queue('email', { connection, prefix: `sweep-${randomUUID().slice(0, 8)}` });

afterAll(async () => {
	await emailQueue.obliterate({ force: true });
	await emailQueue.close();
	await connection.quit();
	await db.destroy();
});

async function emailIn(state: DeliveryState, claimedAgoMs: number) {
	const business = await createTestBusiness(db);
	const customer = await createTestCustomer(db, business.id);
	const { id } = await insertOutboundEmail(db, business.id, {
		kind: 'reply',
		customerId: customer.id,
		subject: 'Hello',
		body: 'Hi',
		recipient: customer.email,
		rfcMessageId: `<${randomUUID()}@rapport.test>`,
		inReplyTo: null,
		invoiceId: null,
	});
	await db
		.updateTable('messages')
		.set({ deliveryState: state, deliveryClaimedAt: new Date(Date.now() - claimedAgoMs) })
		.where('id', '=', id)
		.execute();
	return id;
}

const stateOf = (id: string) =>
	db
		.selectFrom('messages')
		.select(['deliveryState', 'deliveryError', 'sentAt'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();

describe('outbox sweep of sends whose worker vanished', () => {
	it('turns an old `sending` row into uncertain and never queues it again', async () => {
		const id = await emailIn('sending', IN_FLIGHT_GRACE_MS + 60_000);
		await sweepOutbox({ db, emailQueue });
		expect(await stateOf(id)).toMatchObject({
			deliveryState: 'uncertain',
			deliveryError: UNCERTAIN_OUTCOME,
		});
		await sweepOutbox({ db, emailQueue });
		expect((await stateOf(id)).deliveryState).toBe('uncertain');
		expect(await emailQueue.getJob(sendEmailJobId(id))).toBeUndefined();
	});

	it('finishes an old `accepted` row as sent (the server has it; only bookkeeping was missing)', async () => {
		const id = await emailIn('accepted', IN_FLIGHT_GRACE_MS + 60_000);
		await sweepOutbox({ db, emailQueue });
		const row = await stateOf(id);
		expect(row.deliveryState).toBe('sent');
		expect(row.sentAt).toBeInstanceOf(Date);
	});

	it('leaves sends alone that are recent or that a job still holds', async () => {
		const recent = await emailIn('sending', 1_000);
		const held = await emailIn('sending', IN_FLIGHT_GRACE_MS + 60_000);
		await emailQueue.add(
			'send-email',
			{ messageId: held },
			{ jobId: `${sendEmailJobId(held)}-retry-1` },
		);
		await sweepOutbox({ db, emailQueue });
		expect((await stateOf(recent)).deliveryState).toBe('sending');
		expect((await stateOf(held)).deliveryState).toBe('sending');
	});
});
