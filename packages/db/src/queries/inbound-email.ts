import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import { deleteHeld, markHeldReleased } from '../held-rows.ts';
import { pageByTimeDesc, type TimeCursor } from '../keyset.ts';
import type { EmailQuarantine, InboundUnroutable, Message, MessageAttachment } from '../schema.ts';

export type ConversationRef = Pick<Message, 'businessId' | 'customerId'>;

/** The customer a reply+token address names; a merged-away customer's token leads to its survivor. */
export async function findConversationByReplyToken(
	db: Executor,
	token: string,
): Promise<ConversationRef | undefined> {
	return (
		(await db
			.selectFrom('customers')
			.select(['businessId', 'id as customerId'])
			.where('replyToken', '=', token)
			.executeTakeFirst()) ??
		(await db
			.selectFrom('customerMerges')
			.select(['businessId', 'survivorId as customerId'])
			.where('replyToken', '=', token)
			.executeTakeFirst())
	);
}

/** A conversation through the Message-IDs of emails we sent (In-Reply-To / References). */
export async function findConversationByMessageIds(db: Executor, rfcMessageIds: string[]) {
	if (!rfcMessageIds.length) return undefined;
	return db
		.selectFrom('messages')
		.select(['businessId', 'customerId'])
		.where('rfcMessageId', 'in', rfcMessageIds)
		.where('direction', '=', 'outbound')
		.orderBy('createdAt', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export type InboundEmailRow = Pick<
	Message,
	'subject' | 'body' | 'senderName' | 'senderEmail' | 'rfcMessageId' | 'inReplyTo'
> & {
	// Never null for mail: the source id makes the insert idempotent.
	sourceId: string;
	bodyFull: string;
	attachments: MessageAttachment[];
	receivedAt: Date;
};

/** Appends the email to the conversation once, however often the job runs. */
export async function insertInboundEmail(
	db: Executor,
	ref: ConversationRef,
	email: InboundEmailRow,
) {
	const row = await db
		.insertInto('messages')
		.values({
			businessId: ref.businessId,
			customerId: ref.customerId,
			direction: 'inbound',
			channel: 'email',
			subject: email.subject,
			body: email.body,
			bodyFull: email.bodyFull,
			senderName: email.senderName,
			senderEmail: email.senderEmail,
			rfcMessageId: email.rfcMessageId,
			inReplyTo: email.inReplyTo,
			attachments: JSON.stringify(email.attachments),
			sourceId: email.sourceId,
			createdAt: email.receivedAt,
		})
		.onConflict((oc) =>
			oc.columns(['businessId', 'sourceId']).where('sourceId', 'is not', null).doNothing(),
		)
		.returning('id')
		.executeTakeFirst();
	return row?.id ?? null;
}

export type HeldEmail = Pick<
	EmailQuarantine,
	'sourceId' | 'senderName' | 'senderEmail' | 'subject' | 'reason'
> &
	Partial<Pick<EmailQuarantine, 'reasonDetail' | 'raw'>> & {
		/** The parsed email, to store on release; null when it could not be parsed. */
		payload: object | null;
	};

/** Holds an email for the business (once per source id); true when this call held it. */
export async function quarantineEmail(db: Executor, businessId: string, email: HeldEmail) {
	const row = await db
		.insertInto('emailQuarantine')
		.values({
			...email,
			businessId,
			reasonDetail: email.reasonDetail ?? null,
			raw: email.raw ?? null,
			payload: email.payload ? JSON.stringify(email.payload) : null,
		})
		.onConflict((oc) => oc.constraint('email_quarantine_source_uq').doNothing())
		.returning('id')
		.executeTakeFirst();
	return !!row;
}

/** Mail held for the business, newest first, keyset-paged on (created_at, id). */
export async function listEmailQuarantine(
	db: Executor,
	businessId: string,
	opts: { cursor?: TimeCursor<'createdAt'>; limit: number } = { limit: 50 },
) {
	const query = db
		.selectFrom('emailQuarantine')
		.select([
			'id',
			'senderName',
			'senderEmail',
			'subject',
			'reason',
			'reasonDetail',
			sql<boolean>`payload is not null and sender_email is not null`.as('releasable'),
			'createdAt',
		])
		.where('businessId', '=', businessId)
		.where('releasedAt', 'is', null);
	return pageByTimeDesc(query, { time: 'createdAt', cursor: opts.cursor, limit: opts.limit });
}

export async function lockEmailQuarantine(db: Executor, businessId: string, id: string) {
	return db
		.selectFrom('emailQuarantine')
		.selectAll()
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
}

export async function markEmailQuarantineReleased(db: Executor, businessId: string, id: string) {
	await markHeldReleased(db, 'emailQuarantine', businessId, id);
}

/** Deletes a held (never released) email of the business; false if there is none. */
export async function deleteEmailQuarantined(db: Executor, businessId: string, id: string) {
	return deleteHeld(db, 'emailQuarantine', businessId, id);
}

/**
 * The customer with this email in the business, created when there is none. Safe against a
 * concurrent job or release creating the same customer: the insert yields to theirs (the
 * unique index on (business_id, lower(email))) and the select then sees it, even inside a
 * transaction (read committed).
 */
export async function findOrInsertCustomerByEmail(
	db: Executor,
	businessId: string,
	email: string,
	name: string | null,
) {
	// Any of the customer's emails, not only the primary one.
	const find = () =>
		db
			.selectFrom('customerEmails')
			.select('customerId as id')
			.where('businessId', '=', businessId)
			.where(sql`lower(email)`, '=', email.toLowerCase())
			.executeTakeFirst();
	const existing = await find();
	if (existing) return { id: existing.id, created: false };
	const inserted = await db
		.insertInto('customers')
		.values({ businessId, name: name || email, email })
		.onConflict((oc) =>
			oc.expression(sql`business_id, lower(email)`).where('email', 'is not', null).doNothing(),
		)
		.returning('id')
		.executeTakeFirst();
	if (inserted) return { id: inserted.id, created: true };
	const raced = await find();
	if (!raced) throw new Error(`Customer ${email} neither inserted nor found`);
	return { id: raced.id, created: false };
}

export type UnroutableEmail = Omit<InboundUnroutable, 'id' | 'createdAt' | 'payload'> & {
	payload: object | null;
};

/** Keeps mail no business owns (yet); once per source id. */
export async function insertUnroutableEmail(db: Executor, email: UnroutableEmail) {
	const row = await db
		.insertInto('inboundUnroutable')
		.values({
			...email,
			recipients: email.recipients.map((r) => r.toLowerCase()),
			payload: email.payload ? JSON.stringify(email.payload) : null,
		})
		.onConflict((oc) => oc.column('sourceId').doNothing())
		.returning('id')
		.executeTakeFirst();
	return !!row;
}

/** Unroutable mail delivered to `address` (lower-cased), locked for moving. */
export async function takeUnroutableEmailsTo(db: Executor, address: string) {
	return db
		.deleteFrom('inboundUnroutable')
		.where(sql<boolean>`recipients @> array[${address.toLowerCase()}]::text[]`)
		.returningAll()
		.execute();
}

export async function purgeUnroutableEmails(db: Executor, olderThan: Date) {
	const result = await db
		.deleteFrom('inboundUnroutable')
		.where('createdAt', '<', olderThan)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
