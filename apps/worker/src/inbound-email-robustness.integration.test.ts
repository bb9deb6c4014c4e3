import { randomUUID } from 'node:crypto';
import { useHarness } from '@rapport/api/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ingestInboundEmail } from './processors/ingest-inbound-email.ts';

// Issue #11 item 5: everything accepted is stored, or held with the reason — never lost.
const { db, signedIn } = useHarness();
const deps = { db, log: pino({ level: 'silent' }), inboundDomain: 'in.rapport.test' };

const ingest = (raw: string | Buffer, sourceId = `email-${randomUUID()}`) =>
	ingestInboundEmail(
		{
			sourceId,
			raw: Buffer.from(raw).toString('base64'),
			receivedAt: new Date().toISOString(),
		},
		deps,
	);

async function conversation() {
	const session = await signedIn();
	const customer = await session.caller.customers.create({
		name: 'Ada',
		email: `ada-${randomUUID().slice(0, 8)}@example.test`,
	});
	const { replyToken } = await db
		.selectFrom('customers')
		.select('replyToken')
		.where('id', '=', customer.id)
		.executeTakeFirstOrThrow();
	return { ...session, customer, to: `reply+${replyToken}@rapport.test` };
}

const stored = (customerId: string) =>
	db
		.selectFrom('messages')
		.select(['subject', 'body', 'bodyFull', 'senderEmail', 'senderName'])
		.where('customerId', '=', customerId)
		.where('direction', '=', 'inbound')
		.execute();

const head = (from: string | null, to: string, extra = '') =>
	`${from === null ? '' : `From: ${from}\r\n`}To: ${to}\r\nMessage-ID: <${randomUUID()}@x.test>\r\nMIME-Version: 1.0\r\n${extra}`;

describe('inbound email that PostgreSQL would refuse', () => {
	it('strips NUL from a raw body, a quoted-printable body and an encoded word', async () => {
		const { customer, to } = await conversation();
		await ingest(
			`${head(customer.email, to)}Subject: raw\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbe\u0000fore\r\n`,
		);
		await ingest(
			`${head(customer.email, to)}Subject: qp\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nq=00p\r\n`,
		);
		await ingest(
			`${head(`=?utf-8?Q?A=00da?= <${customer.email}>`, to)}Subject: =?utf-8?Q?enc=00oded?=\r\nContent-Type: text/plain\r\n\r\nword\r\n`,
		);
		const rows = await stored(customer.id);
		expect(rows.map((r) => [r.subject, r.body]).sort()).toEqual([
			['encoded', 'word'],
			['qp', 'qp'],
			['raw', 'before'],
		]);
		expect(rows.find((r) => r.subject === 'encoded')?.senderName).toBe('Ada');
	});
});

describe('inbound email the parser must not or cannot read', () => {
	const nested = (depth: number) => {
		let raw = '';
		for (let i = 0; i < depth; i++)
			raw += `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n`;
		return `${raw}Content-Type: text/plain\r\n\r\ndeep\r\n`;
	};
	const manyParts = (count: number) => {
		const parts = Array.from(
			{ length: count },
			(_, i) => `--p\r\nContent-Type: text/plain\r\n\r\n${i}\r\n`,
		);
		return `Content-Type: multipart/mixed; boundary="p"\r\n\r\n${parts.join('')}--p--\r\n`;
	};
	const manyHeaders = (count: number) =>
		`${Array.from({ length: count }, (_, i) => `X-Filler-${i}: ${i}`).join('\r\n')}\r\nContent-Type: text/plain\r\n\r\nbody\r\n`;

	it.each([
		['2,000 nested multiparts', nested(2_000), /nests 2000 multipart sections/],
		['20,000 parts', manyParts(20_000), /about 20001 parts/],
		['50,000 headers', manyHeaders(50_000), /has 5000\d header fields/],
		[
			'a header the parser refuses',
			`X-Huge: ${'a'.repeat(1_100_000)}\r\n\r\nbody`,
			/parser refused/,
		],
	])(
		'%s: held in the business its reply token names, with the reason',
		async (_name, tail, reason) => {
			const { caller, customer, business, to } = await conversation();
			const result = await ingest(`${head(customer.email, to)}Subject: Bomb\r\n${tail}`);
			expect(result).toMatchObject({
				quarantined: true,
				reason: 'unreadable',
				businessId: business.id,
			});
			const [held] = await caller.inboundEmail.quarantine();
			expect(held).toMatchObject({
				subject: 'Bomb',
				senderEmail: customer.email,
				reason: 'unreadable',
				releasable: false,
				reasonLabel: expect.stringMatching(/^Could not be read: /),
			});
			expect(held?.reasonLabel).toMatch(reason);
			const { raw } = await db
				.selectFrom('emailQuarantine')
				.select('raw')
				.where('id', '=', held!.id)
				.executeTakeFirstOrThrow();
			expect(raw!.length).toBeGreaterThan(0);
			expect(raw!.length).toBeLessThanOrEqual(1024 * 1024);
			// Offered for deletion only: there is no faithful text to store.
			await expect(caller.inboundEmail.release({ id: held!.id })).rejects.toMatchObject({
				code: 'CONFLICT',
			});
			await caller.inboundEmail.discard({ id: held!.id });
			expect(await caller.inboundEmail.quarantine()).toEqual([]);
		},
	);

	it('an unreadable email that routes nowhere is kept in the unroutable table', async () => {
		const sourceId = `email-${randomUUID()}`;
		expect(
			await ingest(
				`${head('x@example.test', 'nobody@nowhere.test')}Subject: Bomb\r\n${nested(300)}`,
				sourceId,
			),
		).toEqual({ unroutable: 'unreadable' });
		const kept = await db
			.selectFrom('inboundUnroutable')
			.select(['reason', 'reasonDetail', 'recipients'])
			.where('sourceId', '=', sourceId)
			.executeTakeFirstOrThrow();
		expect(kept).toMatchObject({ reason: 'unreadable', recipients: ['nobody@nowhere.test'] });
	});
});

describe('inbound email without a usable sender', () => {
	it.each([
		['no From header', null],
		['a From with no address', 'Ada Lovelace'],
		['an obsolete route address', 'Ada <@relay.test:>'],
	])('%s still threads by the reply token (sender unknown)', async (_name, from) => {
		const { customer, to } = await conversation();
		await ingest(
			`${head(from, to)}Subject: Re: quote\r\nContent-Type: text/plain\r\n\r\nYes please\r\n`,
		);
		const [row] = await stored(customer.id);
		expect(row).toMatchObject({ body: 'Yes please', senderEmail: null });
	});

	it('without a reply token it is held for the business addressed', async () => {
		const { caller } = await signedIn();
		const { inboundAddress } = await caller.settings.get();
		expect(
			await ingest(
				`${head(null, inboundAddress)}Subject: Who?\r\nContent-Type: text/plain\r\n\r\nHi\r\n`,
			),
		).toMatchObject({ quarantined: true, reason: 'no-sender' });
		expect(await caller.inboundEmail.quarantine()).toEqual([
			expect.objectContaining({
				subject: 'Who?',
				reasonLabel: 'No sender address',
				releasable: false,
			}),
		]);
	});
});

describe('HTML-only inbound email', () => {
	it.each([
		[
			'a single text/html part',
			'Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello <b>there</b></p><p>See you</p>\r\n',
		],
		[
			'an empty text part beside the HTML',
			'Content-Type: multipart/alternative; boundary="a"\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\n\r\n--a\r\nContent-Type: text/html\r\n\r\n<div>Hello <i>there</i></div><div>See you</div>\r\n--a--\r\n',
		],
	])('%s is stored with the text of the HTML', async (_name, tail) => {
		const { customer, to } = await conversation();
		await ingest(`${head(customer.email, to)}Subject: Html\r\n${tail}`);
		const [row] = await stored(customer.id);
		expect(row?.body).toMatch(/^Hello there\s+See you$/);
		expect(row?.body).not.toContain('<');
	});
});
