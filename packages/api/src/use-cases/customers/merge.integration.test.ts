import { randomUUID } from 'node:crypto';
import { findCustomerByEmail } from '@rapport/db';
import { backendPid, backendsWaitingOn } from '@rapport/db/testing';
import { describe, expect, it, vi } from 'vitest';
import { createTestInvoice, sendTestInvoice, useHarness } from '../../testing/harness.ts';
import { systemActor } from '../actor.ts';
import { storeFormSubmissionBatch } from '../forms/store.ts';
import { ingestInboundEmail } from '../inbound-email/ingest.ts';
import { mergeCustomer } from './merge.ts';

const { db, jobs, mail, signedIn } = useHarness();
const deps = { db, jobs, mail };
const unique = () => randomUUID().slice(0, 8);
const today = new Date().toISOString().slice(0, 10);

const submission = (businessId: string, email: string, message: string) => ({
	businessId,
	submissionId: randomUUID(),
	acceptedAt: new Date().toISOString(),
	name: 'Ann',
	email,
	phone: null,
	startedAt: null,
	message,
	fields: [{ name: 'email', value: email }],
});

const rowsOf = async (table: 'messages' | 'notes' | 'invoices', customerId: string) =>
	db.selectFrom(table).select('id').where('customerId', '=', customerId).execute();

/** Ann wrote from work and from home: two customers, the work one with a bit of everything. */
async function duplicates() {
	const owner = await signedIn();
	const actor = systemActor(owner.business.id);
	// The work address sorts first (the merge's lock order; see the race test).
	const id = unique();
	const work = `ann-a-${id}@work.test`;
	const home = `ann-b-${id}@home.test`;
	const gone = await owner.caller.customers.create({ name: 'Ann (work)', email: work });
	const kept = await owner.caller.customers.create({ name: 'Ann Smith', email: home });
	await owner.caller.customerAddresses.addEmail({
		customerId: gone.id,
		email: `ann-${unique()}@other.test`,
	});
	await owner.caller.customerAddresses.addPhone({ customerId: gone.id, phone: '+44 20 7946 0000' });
	await owner.caller.customers.update({
		id: gone.id,
		name: 'Ann (work)',
		email: work,
		phone: '+44 20 7946 0000',
		address: '1 Work Street',
	});
	await storeFormSubmissionBatch({ db }, [submission(actor.businessId, work, 'From work')]);
	await owner.caller.notes.create({ customerId: gone.id, body: 'Prefers mornings' });
	const invoice = await createTestInvoice(deps, actor, gone.id);
	await sendTestInvoice(deps, actor, invoice.id);
	await owner.caller.payments.record({
		invoiceId: invoice.id,
		amount: '20.00',
		paidOn: today,
		method: 'cash',
	});
	return { ...owner, actor, gone, kept, work, home, invoice };
}

describe('merge customers', () => {
	it('previews, then moves every kind of row in one go; the old id leads to the survivor', async () => {
		const { caller, gone, kept, work, invoice, business } = await duplicates();
		const before = await db
			.selectFrom('invoices')
			.select(['number', 'issuedSnapshot', 'paidMinor'])
			.where('id', '=', invoice.id)
			.executeTakeFirstOrThrow();
		const goneMessages = await rowsOf('messages', gone.id);

		const preview = await caller.customers.mergePreview({ id: gone.id, intoId: kept.id });
		expect(preview).toEqual({
			into: { id: kept.id, name: 'Ann Smith' },
			moved: {
				messages: goneMessages.length,
				unread: 1,
				notes: 1,
				invoices: 1,
				payments: 1,
				emails: 2,
				phones: 1,
				openBalanceMinor: 3000,
			},
		});
		// A preview changes nothing.
		expect(await rowsOf('messages', gone.id)).toHaveLength(goneMessages.length);

		const result = await caller.customers.merge({ id: gone.id, intoId: kept.id });
		expect(result).toMatchObject({ id: kept.id, moved: preview.moved });

		// Nothing is left on the merged customer, and its row is gone.
		for (const table of ['messages', 'notes', 'invoices'] as const)
			expect(await rowsOf(table, gone.id)).toEqual([]);
		expect((await caller.customers.byId({ id: gone.id }).catch((e) => e)).code).toBe('NOT_FOUND');
		expect(await caller.customers.mergedInto({ id: gone.id })).toMatchObject({
			survivorId: kept.id,
			mergedName: 'Ann (work)',
			mergedEmail: work,
		});

		// Everything is on the survivor: its own details stay, the ones it lacked are filled.
		const survivor = await caller.customers.byId({ id: kept.id });
		expect(survivor).toMatchObject({
			name: 'Ann Smith',
			phone: '+44 20 7946 0000',
			address: '1 Work Street',
			openBalanceMinor: 3000,
		});
		const messages = await db
			.selectFrom('messages')
			.select(['id', 'kind', 'body', 'readAt'])
			.where('customerId', '=', kept.id)
			.execute();
		expect(messages.map((m) => m.id)).toEqual(
			expect.arrayContaining(goneMessages.map((m) => m.id)),
		);
		expect(messages.find((m) => m.kind === 'merge')?.body).toBe(
			`Ann (work) (${work}) was merged into this customer. Moved: ${goneMessages.length} messages (1 unread), 1 note, 1 invoice, 1 payment, 2 email addresses, 1 phone number.`,
		);
		const list = await caller.customers.list({ search: 'Ann' });
		expect(list.items.map((c) => c.id)).toEqual([kept.id]);
		expect(list.items[0]?.unread).toBe(1);
		expect(await rowsOf('notes', kept.id)).toHaveLength(1);
		const addresses = await caller.customerAddresses.list({ customerId: kept.id });
		expect(addresses.emails.map((e) => e.email)).toHaveLength(3);
		expect((await findCustomerByEmail(db, business.id, work.toUpperCase()))?.id).toBe(kept.id);

		// The invoice moved as it was: same number, same issued document, same payment.
		const after = await db
			.selectFrom('invoices')
			.select(['customerId', 'number', 'issuedSnapshot', 'paidMinor'])
			.where('id', '=', invoice.id)
			.executeTakeFirstOrThrow();
		expect(after).toEqual({ ...before, customerId: kept.id });
	});

	it('an inbound reply to the old conversation (its reply token, or In-Reply-To) threads to the survivor', async () => {
		const { caller, business, gone, kept } = await duplicates();
		const { replyToken } = await db
			.selectFrom('customers')
			.select('replyToken')
			.where('id', '=', gone.id)
			.executeTakeFirstOrThrow();
		const sent = await db
			.selectFrom('messages')
			.select('rfcMessageId')
			.where('customerId', '=', gone.id)
			.where('kind', '=', 'invoice')
			.executeTakeFirstOrThrow();
		await caller.customers.merge({ id: gone.id, intoId: kept.id });

		const reply = (headers: string, body: string) =>
			ingestInboundEmail(
				{ db, inboundDomain: mail.inboundDomain },
				{
					sourceId: `email-${randomUUID()}`,
					receivedAt: new Date(),
					raw: Buffer.from(
						`Message-ID: <${randomUUID()}@elsewhere.test>\r\nFrom: Someone <someone-${unique()}@elsewhere.test>\r\n${headers}Subject: Re: Invoice\r\nContent-Type: text/plain\r\n\r\n${body}\r\n`,
					),
				},
			);
		await reply(`To: reply+${replyToken}@${mail.domain}\r\n`, 'By the old token');
		await reply(
			`To: nobody@${mail.domain}\r\nIn-Reply-To: ${sent.rfcMessageId}\r\n`,
			'By In-Reply-To',
		);
		const bodies = await db
			.selectFrom('messages')
			.select('body')
			.where('businessId', '=', business.id)
			.where('direction', '=', 'inbound')
			.where('customerId', '=', kept.id)
			.execute();
		expect(bodies.map((m) => m.body)).toEqual(
			expect.arrayContaining(['By the old token', 'By In-Reply-To']),
		);
	});

	it('merging into itself, into another business’s customer or from a merged-away one is not found; nothing changes', async () => {
		const { caller, gone, kept } = await duplicates();
		const stranger = await signedIn();
		const theirs = await stranger.caller.customers.create({ name: 'Theirs', email: '' });
		const codeOf = (input: { id: string; intoId: string }) =>
			caller.customers.merge(input).then(
				() => 'merged',
				(e) => e.code,
			);
		expect(await codeOf({ id: gone.id, intoId: gone.id })).toBe('NOT_FOUND');
		expect(await codeOf({ id: gone.id, intoId: theirs.id })).toBe('NOT_FOUND');
		expect(await codeOf({ id: theirs.id, intoId: kept.id })).toBe('NOT_FOUND');
		expect(
			(
				await stranger.caller.customers
					.mergePreview({ id: theirs.id, intoId: kept.id })
					.catch((e) => e)
			).code,
		).toBe('NOT_FOUND');
		expect(await codeOf({ id: gone.id, intoId: 'not-an-id' })).toBe('BAD_REQUEST');
		expect(await rowsOf('notes', gone.id)).toHaveLength(1);
		expect(await stranger.caller.customers.mergedInto({ id: gone.id })).toBeNull();

		await caller.customers.merge({ id: gone.id, intoId: kept.id });
		expect(await codeOf({ id: gone.id, intoId: kept.id })).toBe('NOT_FOUND');
		expect(await rowsOf('notes', kept.id)).toHaveLength(1);
	});

	it('a later merge of the survivor carries the old ids along (one hop to a customer)', async () => {
		const { caller, gone, kept } = await duplicates();
		const third = await caller.customers.create({
			name: 'Ann S.',
			email: `ann-${unique()}@x.test`,
		});
		await caller.customers.merge({ id: gone.id, intoId: kept.id });
		await caller.customers.merge({ id: kept.id, intoId: third.id });
		expect((await caller.customers.mergedInto({ id: gone.id }))?.survivorId).toBe(third.id);
		expect((await caller.customers.mergedInto({ id: kept.id }))?.survivorId).toBe(third.id);
		expect(await rowsOf('invoices', third.id)).toHaveLength(1);
	});

	it('a form submission for the merged customer stored while the merge runs lands on the survivor', async () => {
		const { actor, gone, kept, work } = await duplicates();
		// The merge locks customers in email order: it takes the merged customer (the work address
		// sorts first), then waits for the survivor, held here.
		let release = () => {};
		const held = new Promise<void>((resolve) => {
			release = resolve;
		});
		let holding = (_pid: number) => {};
		const locked = new Promise<number>((resolve) => {
			holding = resolve;
		});
		const blocker = db.transaction().execute(async (trx) => {
			await trx
				.selectFrom('customers')
				.select('id')
				.where('id', '=', kept.id)
				.forUpdate()
				.execute();
			holding(await backendPid(trx));
			await held;
		});
		const blockerPid = await locked;
		/** The backend waiting on `pid`'s locks, once there is one. */
		const waitingOn = async (pid: number) => {
			let waiter = 0;
			await vi.waitUntil(
				async () => {
					waiter = (await backendsWaitingOn(db, pid))[0] ?? 0;
					return waiter !== 0;
				},
				{ timeout: 10_000, interval: 20 },
			);
			return waiter;
		};

		const merge = mergeCustomer({ db }, actor, { id: gone.id, intoId: kept.id });
		const mergePid = await waitingOn(blockerPid);
		// The submission reads the sender as the merged customer, then waits for the merge.
		const stored = storeFormSubmissionBatch({ db }, [
			submission(actor.businessId, work, 'Sent during the merge'),
		]);
		await waitingOn(mergePid);
		release();
		await blocker;
		await merge;
		expect(await stored).toEqual([kept.id]);
		const row = await db
			.selectFrom('messages')
			.select('customerId')
			.where('body', '=', 'Sent during the merge')
			.where('businessId', '=', actor.businessId)
			.execute();
		expect(row).toEqual([{ customerId: kept.id }]);
	});
});
