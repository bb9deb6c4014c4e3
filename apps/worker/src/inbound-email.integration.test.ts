import { randomUUID } from 'node:crypto';
import { useHarness } from '@rapport/api/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ingestInboundEmail } from './processors/ingest-inbound-email.ts';

const { db, signedIn } = useHarness();
const deps = { db, log: pino({ level: 'silent' }), inboundDomain: 'in.rapport.test' };

function rawEmail(
	headers: Record<string, string>,
	body: string,
	attachment?: { name: string; content: string },
) {
	const boundary = `b-${randomUUID()}`;
	const head = Object.entries({
		'Message-ID': `<${randomUUID()}@customer.test>`,
		'MIME-Version': '1.0',
		...headers,
	})
		.map(([k, v]) => `${k}: ${v}`)
		.join('\r\n');
	if (!attachment) return `${head}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
	return [
		`${head}\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n`,
		`--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`,
		`--${boundary}\r\nContent-Type: application/pdf; name="${attachment.name}"\r\nContent-Disposition: attachment; filename="${attachment.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(attachment.content).toString('base64')}`,
		`--${boundary}--\r\n`,
	].join('\r\n');
}

const ingest = (raw: string) =>
	ingestInboundEmail(
		{
			sourceId: `email-${randomUUID()}`,
			raw: Buffer.from(raw).toString('base64'),
			receivedAt: new Date().toISOString(),
		},
		deps,
	);

async function setup(businessEmail = `shop-${randomUUID().slice(0, 8)}@bloom.test`) {
	// Mail that is not a reply routes only to an address the business verified.
	const session = await signedIn({ email: businessEmail, emailVerifiedAt: new Date() });
	const customer = await session.caller.customers.create({
		name: 'Ada Lovelace',
		email: `ada-${randomUUID().slice(0, 8)}@example.test`,
	});
	const { replyToken } = await db
		.selectFrom('customers')
		.select('replyToken')
		.where('id', '=', customer.id)
		.executeTakeFirstOrThrow();
	return { ...session, customer, replyToken, businessEmail };
}

const messagesOf = (customerId: string) =>
	db
		.selectFrom('messages')
		.selectAll()
		.where('customerId', '=', customerId)
		.where('direction', '=', 'inbound')
		.execute();

describe('inbound email threading', () => {
	it('threads by the reply+token address, strips quoted history, keeps the original and lists attachments', async () => {
		const { customer, replyToken } = await setup();
		const raw = rawEmail(
			{
				From: `Ada <${customer.email}>`,
				To: `reply+${replyToken}@rapport.test`,
				Subject: 'Re: Invoice INV-0001',
			},
			'Paid this morning, thanks!\r\n\r\nOn Mon, 23 Nov 2026 at 10:00, Bloom <billing@rapport.test> wrote:\r\n> Here is invoice INV-0001',
			{ name: 'receipt.pdf', content: 'x'.repeat(2048) },
		);
		await ingest(raw);
		const [message] = await messagesOf(customer.id);
		expect(message).toMatchObject({
			channel: 'email',
			subject: 'Re: Invoice INV-0001',
			body: 'Paid this morning, thanks!',
			senderEmail: customer.email,
		});
		expect(message?.bodyFull).toContain('> Here is invoice INV-0001');
		expect(message?.attachments).toEqual([
			{ filename: 'receipt.pdf', size: 2048, contentType: 'application/pdf' },
		]);
	});

	it('threads by In-Reply-To to an email we sent when the token is missing', async () => {
		const { customer, caller } = await setup();
		const sent = await caller.messages.reply({
			customerId: customer.id,
			body: 'Your bouquet is ready',
		});
		const { rfcMessageId } = await db
			.selectFrom('messages')
			.select('rfcMessageId')
			.where('id', '=', sent.id)
			.executeTakeFirstOrThrow();
		await ingest(
			rawEmail(
				{
					From: 'someone.else@other.test',
					To: 'inbox@elsewhere.test',
					'In-Reply-To': rfcMessageId!,
					Subject: 'Re: ready',
				},
				'Coming at 5pm',
			),
		);
		expect((await messagesOf(customer.id)).map((m) => m.body)).toEqual(['Coming at 5pm']);
	});

	it('falls back to the sender within the business addressed; unknown senders wait in quarantine unless allowed', async () => {
		const { customer, business, businessEmail, caller } = await setup();
		await ingest(
			rawEmail(
				{ From: customer.email!.toUpperCase(), To: businessEmail, Subject: 'Question' },
				'Do you deliver on Sundays?',
			),
		);
		expect((await messagesOf(customer.id)).map((m) => m.body)).toEqual([
			'Do you deliver on Sundays?',
		]);

		const stranger = `stranger-${randomUUID().slice(0, 8)}@example.test`;
		expect(
			await ingest(rawEmail({ From: stranger, To: businessEmail, Subject: 'Hi' }, 'Hello')),
		).toMatchObject({ quarantined: true, reason: 'unknown-sender' });
		const held = await db
			.selectFrom('emailQuarantine')
			.select('senderEmail')
			.where('businessId', '=', business.id)
			.execute();
		expect(held.map((h) => h.senderEmail)).toEqual([stranger]);
		expect((await caller.customers.list({ search: stranger })).items).toHaveLength(0);

		await db
			.updateTable('businesses')
			.set({ acceptUnknownSenders: true })
			.where('id', '=', business.id)
			.execute();
		await ingest(
			rawEmail(
				{ From: `New Person <${stranger}>`, To: businessEmail, Subject: 'Hi again' },
				'Hello again',
			),
		);
		const [created] = (await caller.customers.list({ search: stranger })).items;
		expect(created?.name).toBe('New Person');
	});

	it('held emails are listed only to their business and join a new customer on "Not spam"', async () => {
		const { businessEmail, caller } = await setup();
		const other = await setup();
		const stranger = `held-${randomUUID().slice(0, 8)}@example.test`;
		await ingest(
			rawEmail(
				{ From: `Held Person <${stranger}>`, To: businessEmail, Subject: 'Wedding quote' },
				'How much for 50 roses?',
			),
		);
		const [held] = await caller.inboundEmail.quarantine();
		expect(held).toMatchObject({ senderEmail: stranger, subject: 'Wedding quote' });
		expect(await other.caller.inboundEmail.quarantine()).toEqual([]);
		await expect(other.caller.inboundEmail.release({ id: held!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});

		const { customerId } = await caller.inboundEmail.release({ id: held!.id });
		expect(
			(await caller.messages.list({ customerId: customerId! })).items.map((m) => m.body),
		).toEqual(['How much for 50 roses?']);
		expect(await caller.inboundEmail.quarantine()).toEqual([]);
	});

	it('a held email can be deleted for good, only by its business', async () => {
		const { businessEmail, caller } = await setup();
		const other = await setup();
		const stranger = `spam-${randomUUID().slice(0, 8)}@example.test`;
		await ingest(rawEmail({ From: stranger, To: businessEmail, Subject: 'Cheap pills' }, 'Buy'));
		const [held] = await caller.inboundEmail.quarantine();
		await expect(other.caller.inboundEmail.discard({ id: held!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
		expect(await caller.inboundEmail.quarantine()).toHaveLength(1);

		await caller.inboundEmail.discard({ id: held!.id });
		expect(await caller.inboundEmail.quarantine()).toEqual([]);
		expect((await caller.customers.list({ search: stranger })).items).toEqual([]);
		await expect(caller.inboundEmail.release({ id: held!.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
	});

	it('stores the same email once, however often it is delivered', async () => {
		const { customer, replyToken } = await setup();
		const raw = rawEmail(
			{ From: customer.email!, To: `reply+${replyToken}@rapport.test`, Subject: 'Once' },
			'Only once',
		);
		const job = {
			sourceId: `email-${randomUUID()}`,
			raw: Buffer.from(raw).toString('base64'),
			receivedAt: new Date().toISOString(),
		};
		await ingestInboundEmail(job, deps);
		expect(await ingestInboundEmail(job, deps)).toMatchObject({ duplicate: true });
		expect(await messagesOf(customer.id)).toHaveLength(1);
	});

	it("never lands in another business's conversation", async () => {
		const a = await setup();
		const b = await setup();
		await ingest(
			rawEmail(
				{ From: b.customer.email!, To: `reply+${a.replyToken}@rapport.test`, Subject: 'x' },
				'to A',
			),
		);
		expect(await messagesOf(b.customer.id)).toHaveLength(0);
		const [landed] = await messagesOf(a.customer.id);
		expect(landed?.businessId).toBe(a.business.id);
		// Not visible through B's API either.
		await expect(b.caller.messages.list({ customerId: a.customer.id })).rejects.toMatchObject({
			code: 'NOT_FOUND',
		});
	});
});
