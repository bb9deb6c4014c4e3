import { randomUUID } from 'node:crypto';
import { createTestCustomer } from '@rapport/db/testing';
import { Queue } from 'bullmq';
import { describe, expect, it, vi } from 'vitest';
import { ServiceUnavailableError, UnauthorizedError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { sendEmailJobId } from '../../jobs/contract.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import { useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import { authenticateApiKey } from '../api-keys/authenticate.ts';
import { listConversation } from '../messages/list.ts';
import { QUEUE_UNAVAILABLE } from '../outbound-email/enqueue.ts';
import { postAutomatedMessage } from './post.ts';

const { db, redis, jobs, mail, prefix, signedIn } = useHarness();
const deps = { db, jobs, mail };

async function keyed(name = 'Calendly') {
	const owner = await signedIn();
	const { key } = await owner.caller.apiKeys.create({ name });
	return { ...owner, key, apiKey: await authenticateApiKey({ db }, key) };
}

const booking = (to: string, extra: Record<string, unknown> = {}) => ({
	to,
	subject: 'Booking confirmation',
	text: 'See you on Friday at 10:00.',
	...extra,
});

const messageRow = (id: string) =>
	db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const emailsTo = (businessId: string, recipient: string) =>
	db
		.selectFrom('messages')
		.select('id')
		.where('businessId', '=', businessId)
		.where('recipient', '=', recipient)
		.execute();

describe('postAutomatedMessage', () => {
	it('creates the customer, records an automated email in the outbox and queues it', async () => {
		const { business, apiKey } = await keyed();
		const to = `ada-${randomUUID().slice(0, 6)}@example.test`;
		const { id, replayed } = await postAutomatedMessage(deps, apiKey, booking(to));
		expect(replayed).toBe(false);

		const row = await messageRow(id);
		expect(row).toMatchObject({
			businessId: business.id,
			kind: 'automated',
			direction: 'outbound',
			channel: 'email',
			deliveryState: 'queued',
			recipient: to,
			subject: 'Booking confirmation',
			body: 'See you on Friday at 10:00.',
			apiKeyId: apiKey.id,
			sourceId: null,
			rfcMessageId: expect.stringMatching(/@rapport\.test>$/),
		});
		const customer = await db
			.selectFrom('customers')
			.selectAll()
			.where('id', '=', row.customerId)
			.executeTakeFirstOrThrow();
		expect(customer).toMatchObject({ businessId: business.id, email: to, name: to.split('@')[0] });

		const email = new Queue('email', { connection: redis, prefix });
		expect(await email.getJob(sendEmailJobId(id))).toBeTruthy();
		await email.close();

		// The Messages tab names the key it came through.
		const page = await listConversation(deps, systemActor(business.id), {
			customerId: customer.id,
			limit: 10,
		});
		expect(page.items).toEqual([
			expect.objectContaining({ id, kind: 'automated', apiKeyName: 'Calendly' }),
		]);
	});

	it('reuses the customer whose email differs only in case, and keeps their name', async () => {
		const { business, apiKey } = await keyed();
		const existing = await createTestCustomer(db, business.id, {
			name: 'Grace Hopper',
			email: `Grace.${randomUUID().slice(0, 6)}@Example.test`,
		});
		const to = existing.email!.toLowerCase();
		const { id } = await postAutomatedMessage(deps, apiKey, booking(to, { name: 'G. H.' }));
		expect(await messageRow(id)).toMatchObject({ customerId: existing.id, recipient: to });
		const customers = await db
			.selectFrom('customers')
			.select('id')
			.where('businessId', '=', business.id)
			.execute();
		expect(customers).toHaveLength(1);
		const after = await db
			.selectFrom('customers')
			.select('name')
			.where('id', '=', existing.id)
			.executeTakeFirstOrThrow();
		expect(after.name).toBe('Grace Hopper');
	});

	it('a new customer takes the given name', async () => {
		const { apiKey } = await keyed();
		const to = `new-${randomUUID().slice(0, 6)}@example.test`;
		const { id } = await postAutomatedMessage(deps, apiKey, booking(to, { name: 'Ada Lovelace' }));
		const row = await messageRow(id);
		const customer = await db
			.selectFrom('customers')
			.select('name')
			.where('id', '=', row.customerId)
			.executeTakeFirstOrThrow();
		expect(customer.name).toBe('Ada Lovelace');
	});

	it('the same idempotencyKey replayed, even at once, answers the first id: one message', async () => {
		const { business, apiKey } = await keyed();
		const to = `twice-${randomUUID().slice(0, 6)}@example.test`;
		const body = booking(to, { idempotencyKey: 'booking-42' });
		const answers = await Promise.all(
			[1, 2, 3].map(() => postAutomatedMessage(deps, apiKey, body)),
		);
		const ids = new Set(answers.map((a) => a.id));
		expect(ids.size).toBe(1);
		expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
		const again = await postAutomatedMessage(deps, apiKey, { ...body, text: 'changed' });
		expect(again).toEqual({ id: answers[0]!.id, replayed: true });
		expect(await emailsTo(business.id, to)).toHaveLength(1);
		expect(await messageRow(again.id)).toMatchObject({
			sourceId: 'api:booking-42',
			body: body.text,
		});

		// A key is per business: another business's same key is its own message.
		const other = await keyed();
		const theirs = await postAutomatedMessage(deps, other.apiKey, body);
		expect(theirs.id).not.toBe(again.id);
		expect((await messageRow(theirs.id)).businessId).toBe(other.business.id);
	});

	it('CR/LF in the subject is a field error and nothing is stored', async () => {
		const { business, apiKey } = await keyed();
		const to = `crlf-${randomUUID().slice(0, 6)}@example.test`;
		const refused = postAutomatedMessage(
			deps,
			apiKey,
			booking(to, { subject: 'Hello\r\nBcc: everyone@example.test' }),
		);
		await expect(refused).rejects.toBeInstanceOf(FieldValidationError);
		await expect(refused).rejects.toMatchObject({ fieldErrors: { subject: [expect.any(String)] } });
		expect(await emailsTo(business.id, to)).toHaveLength(0);
		const customers = await db
			.selectFrom('customers')
			.select('id')
			.where('businessId', '=', business.id)
			.execute();
		expect(customers).toEqual([]);
	});

	it('a revoked key is refused, also when it was revoked after the request authenticated', async () => {
		const { caller, apiKey } = await keyed();
		await caller.apiKeys.revoke({ id: apiKey.id });
		await expect(
			postAutomatedMessage(deps, apiKey, booking('late@example.test')),
		).rejects.toBeInstanceOf(UnauthorizedError);
	});

	it('a revocation committed while the post waits on the key wins: nothing is posted', async () => {
		const { business, apiKey } = await keyed();
		const to = `inflight-${randomUUID().slice(0, 6)}@example.test`;
		let commit!: () => void;
		const committed = new Promise<void>((resolve) => {
			commit = resolve;
		});
		let locked!: () => void;
		const holding = new Promise<void>((resolve) => {
			locked = resolve;
		});
		const revocation = db.transaction().execute(async (trx) => {
			await trx
				.updateTable('apiKeys')
				.set({ revokedAt: new Date() })
				.where('id', '=', apiKey.id)
				.execute();
			locked();
			await committed;
		});
		await holding;
		const post = postAutomatedMessage(deps, apiKey, booking(to));
		const outcome = post.then(
			() => 'posted',
			(error: unknown) => error,
		);
		// The post is blocked on the key's row lock, not done.
		await vi.waitUntil(
			async () => {
				const waiting = await db
					.withTables<{ pgStatActivity: { waitEventType: string | null; query: string } }>()
					.selectFrom('pgStatActivity')
					.select('query')
					.where('waitEventType', '=', 'Lock')
					.where('query', 'ilike', '%from "api_keys"%for share%')
					.execute();
				return waiting.length > 0;
			},
			{ timeout: 5000, interval: 20 },
		);
		commit();
		await revocation;
		expect(await outcome).toBeInstanceOf(UnauthorizedError);
		expect(await emailsTo(business.id, to)).toHaveLength(0);
	});

	it('queue down → 503 and the email is failed; the retried request sends that same message', async () => {
		const { business, apiKey } = await keyed();
		const to = `queue-${randomUUID().slice(0, 6)}@example.test`;
		const down: JobProducer = {
			enqueue: async () => {
				throw new Error('Connection is closed.');
			},
			close: async () => {},
		};
		const body = booking(to, { idempotencyKey: `q-${randomUUID()}` });
		await expect(
			postAutomatedMessage({ ...deps, jobs: down }, apiKey, body),
		).rejects.toBeInstanceOf(ServiceUnavailableError);
		const [first] = await emailsTo(business.id, to);
		expect(await messageRow(first!.id)).toMatchObject({
			deliveryState: 'failed',
			deliveryError: QUEUE_UNAVAILABLE,
		});

		const retried = await postAutomatedMessage(deps, apiKey, body);
		expect(retried).toEqual({ id: first!.id, replayed: true });
		expect((await messageRow(first!.id)).deliveryState).toBe('queued');
		expect(await emailsTo(business.id, to)).toHaveLength(1);
	});

	it("a key acts only for its own business's customers", async () => {
		const mine = await keyed();
		const other = await signedIn();
		const theirCustomer = await createTestCustomer(db, other.business.id);
		const { id } = await postAutomatedMessage(deps, mine.apiKey, booking(theirCustomer.email!));
		const row = await messageRow(id);
		expect(row.businessId).toBe(mine.business.id);
		expect(row.customerId).not.toBe(theirCustomer.id);
		// Forged identity: a key id with another business is not a key.
		await expect(
			postAutomatedMessage(
				deps,
				{ ...mine.apiKey, businessId: other.business.id },
				booking('x@example.test'),
			),
		).rejects.toBeInstanceOf(UnauthorizedError);
	});
});
