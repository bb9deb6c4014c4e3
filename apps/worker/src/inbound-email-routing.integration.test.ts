import { randomUUID } from 'node:crypto';
import { hashVerificationToken } from '@rapport/api/domain';
import { useHarness } from '@rapport/api/testing';
import { confirmEmailVerification } from '@rapport/api/use-cases';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ingestInboundEmail } from './processors/ingest-inbound-email.ts';

// Issue #11 item 1: inbound mail goes only to a business that provably owns the address.
const { db, signedIn } = useHarness();
const INBOUND_DOMAIN = 'in.rapport.test';
const deps = { db, log: pino({ level: 'silent' }), inboundDomain: INBOUND_DOMAIN };
const unique = () => randomUUID().slice(0, 8);

const ingest = (headers: Record<string, string>, body: string) =>
	ingestInboundEmail(
		{
			sourceId: `email-${randomUUID()}`,
			raw: Buffer.from(
				`${Object.entries({ 'Message-ID': `<${randomUUID()}@customer.test>`, ...headers })
					.map(([k, v]) => `${k}: ${v}`)
					.join('\r\n')}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
			).toString('base64'),
			receivedAt: new Date().toISOString(),
		},
		deps,
	);

const inboundMessages = (businessId: string) =>
	db
		.selectFrom('messages')
		.select(['body', 'customerId', 'senderEmail'])
		.where('businessId', '=', businessId)
		.where('direction', '=', 'inbound')
		.execute();

const heldIn = (businessId: string) =>
	db
		.selectFrom('emailQuarantine')
		.select(['subject', 'reason', 'senderEmail'])
		.where('businessId', '=', businessId)
		.execute();

/** Verifies the business's email as if its owner followed the link (the token is drawn here). */
async function verifyByLink(businessId: string) {
	const token = `test-token-${randomUUID()}`;
	const { email } = await db
		.selectFrom('businesses')
		.select('email')
		.where('id', '=', businessId)
		.executeTakeFirstOrThrow();
	await db
		.insertInto('emailVerifications')
		.values({
			businessId,
			email: email!,
			tokenHash: hashVerificationToken(token),
			expiresAt: new Date(Date.now() + 60_000),
		})
		.execute();
	return confirmEmailVerification({ db }, token);
}

describe('inbound addressing that cannot be claimed', () => {
	it('B typing A’s address and accepting unknown senders never receives A’s mail', async () => {
		const address = `owner-${unique()}@bloom.test`;
		const a = await signedIn({ email: address });
		const customerOfA = await a.caller.customers.create({
			name: 'Ada',
			email: `ada-${unique()}@example.test`,
		});
		const b = await signedIn();
		await b.caller.settings.update({
			name: 'Mallory Ltd',
			email: address.toUpperCase(),
			address: '',
			currency: 'USD',
			invoicePrefix: 'INV-',
			paymentTermsDays: 14,
		});
		await b.caller.inboundEmail.setAcceptUnknownSenders({ accept: true });

		// Neither has verified: the mail waits, unseen by both.
		expect(
			await ingest({ From: customerOfA.email!, To: address, Subject: 'For A' }, 'Private'),
		).toEqual({ unroutable: 'unverified-address' });
		expect(await inboundMessages(b.business.id)).toEqual([]);
		expect(await heldIn(b.business.id)).toEqual([]);
		expect(await b.caller.inboundEmail.quarantine()).toEqual([]);

		// A proves the address; from now on it is A's alone and B cannot verify it.
		expect(await verifyByLink(a.business.id)).toMatchObject({ status: 'verified', movedEmails: 1 });
		await expect(b.caller.settings.requestEmailVerification()).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			message: 'This address is already verified by another business.',
		});
		const error = await b.caller.settings.requestEmailVerification().catch((e) => e);
		expect(error.cause.fieldErrors).toEqual({
			email: ['This address is already verified by another business.'],
		});
		expect(JSON.stringify(error.cause.fieldErrors)).not.toContain(a.business.name);
		expect(await verifyByLink(b.business.id)).toEqual({ status: 'taken' });

		await ingest({ From: customerOfA.email!, To: address, Subject: 'Again' }, 'Still private');
		expect(await inboundMessages(b.business.id)).toEqual([]);
		expect((await inboundMessages(a.business.id)).map((m) => m.body)).toEqual(['Still private']);
		// What arrived before A verified is in A's held list, with the reason.
		expect(await a.caller.inboundEmail.quarantine()).toEqual([
			expect.objectContaining({
				subject: 'For A',
				reason: 'unverified-address',
				reasonLabel: 'Arrived before your business email was verified',
				releasable: true,
			}),
		]);
	});

	it('two businesses can never both hold one verified address, even at the same moment', async () => {
		const address = `race-${unique()}@bloom.test`;
		const a = await signedIn({ email: address });
		const b = await signedIn({ email: address });
		const outcomes = await Promise.all([verifyByLink(a.business.id), verifyByLink(b.business.id)]);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['taken', 'verified']);
		const verified = await db
			.selectFrom('businesses')
			.select('id')
			.where('email', '=', address)
			.where('emailVerifiedAt', 'is not', null)
			.execute();
		expect(verified).toHaveLength(1);
	});

	it('changing the business email clears its verification', async () => {
		const a = await signedIn({
			email: `first-${unique()}@bloom.test`,
			emailVerifiedAt: new Date(),
		});
		const details = {
			name: 'Bloom',
			address: '',
			currency: 'USD',
			invoicePrefix: 'INV-',
			paymentTermsDays: 14,
		};
		const same = await a.caller.settings.update({
			...details,
			email: a.business.email!.toUpperCase(),
		});
		expect(same.emailVerifiedAt).not.toBeNull();
		const changed = await a.caller.settings.update({
			...details,
			email: `second-${unique()}@bloom.test`,
		});
		expect(changed.emailVerifiedAt).toBeNull();
	});

	it('mail to the issued inbound address routes to its business', async () => {
		const a = await signedIn();
		const settings = await a.caller.settings.get();
		expect(settings.inboundAddress).toMatch(
			new RegExp(`^test-business-[a-z0-9]+-[a-z2-7]{10}@${INBOUND_DOMAIN.replaceAll('.', '\\.')}$`),
		);
		const customer = await a.caller.customers.create({
			name: 'Bo',
			email: `bo-${unique()}@example.test`,
		});
		await ingest(
			{ From: `Bo <${customer.email}>`, To: settings.inboundAddress.toUpperCase(), Subject: 'Hi' },
			'Via the inbound address',
		);
		expect((await inboundMessages(a.business.id)).map((m) => m.body)).toEqual([
			'Via the inbound address',
		]);
		// The same local part at another domain is not the issued address.
		const local = settings.inboundAddress.split('@')[0];
		expect(
			await ingest({ From: customer.email!, To: `${local}@elsewhere.test`, Subject: 'x' }, 'No'),
		).toEqual({ unroutable: 'no-business' });
	});

	it('the fallback by sender stays within the business the mail was routed to', async () => {
		const a = await signedIn();
		const b = await signedIn();
		const email = `shared-${unique()}@example.test`;
		await b.caller.customers.create({ name: 'Customer of B', email });
		const { inboundAddress } = await a.caller.settings.get();
		expect(
			await ingest({ From: email, To: inboundAddress, Subject: 'To A' }, 'Hello A'),
		).toMatchObject({
			quarantined: true,
			reason: 'unknown-sender',
			businessId: a.business.id,
		});
		expect(await inboundMessages(b.business.id)).toEqual([]);
	});

	it('mail that routes to no business is kept, not dropped', async () => {
		const sourceId = `email-${randomUUID()}`;
		const to = `nobody-${unique()}@nowhere.test`;
		const result = await ingestInboundEmail(
			{
				sourceId,
				raw: Buffer.from(
					`From: someone@example.test\r\nTo: ${to}\r\nSubject: Lost\r\n\r\nHello?`,
				).toString('base64'),
				receivedAt: new Date().toISOString(),
			},
			deps,
		);
		expect(result).toEqual({ unroutable: 'no-business' });
		const kept = await db
			.selectFrom('inboundUnroutable')
			.select(['recipients', 'subject', 'reason', 'senderEmail'])
			.where('sourceId', '=', sourceId)
			.executeTakeFirstOrThrow();
		expect(kept).toEqual({
			recipients: [to],
			subject: 'Lost',
			reason: 'no-business',
			senderEmail: 'someone@example.test',
		});
	});
});
