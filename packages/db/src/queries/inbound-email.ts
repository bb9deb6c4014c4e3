import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { HeldEmailReason, InboundUnroutable, MessageAttachment } from '../schema.ts';

export interface ConversationRef {
	businessId: string;
	customerId: string;
}

export async function findConversationByReplyToken(db: Executor, token: string) {
	return db
		.selectFrom('customers')
		.select(['businessId', 'id as customerId'])
		.where('replyToken', '=', token)
		.executeTakeFirst();
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

export interface InboundEmailRow {
	sourceId: string;
	subject: string | null;
	body: string;
	bodyFull: string;
	senderName: string | null;
	senderEmail: string | null;
	rfcMessageId: string | null;
	inReplyTo: string | null;
	attachments: MessageAttachment[];
	receivedAt: Date;
}

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

export interface HeldEmail {
	sourceId: string;
	senderName: string | null;
	senderEmail: string | null;
	subject: string | null;
	reason: HeldEmailReason;
	reasonDetail?: string | null;
	/** The parsed email, to store on release; null when it could not be parsed. */
	payload: object | null;
	/** The start of the raw message when it could not be parsed. */
	raw?: Buffer | null;
}

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

export async function listEmailQuarantine(db: Executor, businessId: string, limit = 50) {
	return db
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
		.where('releasedAt', 'is', null)
		.orderBy('createdAt', 'desc')
		.limit(limit)
		.execute();
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

export async function markEmailQuarantineReleased(db: Executor, id: string) {
	await db
		.updateTable('emailQuarantine')
		.set({ releasedAt: new Date() })
		.where('id', '=', id)
		.execute();
}

/** Deletes a held (never released) email of the business; false if there is none. */
export async function deleteEmailQuarantined(db: Executor, businessId: string, id: string) {
	const result = await db
		.deleteFrom('emailQuarantine')
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('releasedAt', 'is', null)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
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
	const find = () =>
		db
			.selectFrom('customers')
			.select('id')
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

export async function insertEmailVerification(
	db: Executor,
	businessId: string,
	values: { email: string; expiresAt: Date },
) {
	return db
		.insertInto('emailVerifications')
		.values({ businessId, ...values })
		.returning(['id', 'email', 'expiresAt'])
		.executeTakeFirstOrThrow();
}

/** A verification with its business, for the worker that emails the link. */
export async function findEmailVerification(db: Executor, id: string) {
	return db
		.selectFrom('emailVerifications')
		.innerJoin('businesses', 'businesses.id', 'emailVerifications.businessId')
		.select([
			'emailVerifications.id',
			'emailVerifications.businessId',
			'emailVerifications.email',
			'emailVerifications.expiresAt',
			'emailVerifications.sentAt',
			'emailVerifications.usedAt',
			'businesses.name as businessName',
			'businesses.email as businessEmail',
		])
		.where('emailVerifications.id', '=', id)
		.executeTakeFirst();
}

/** Stores the hash of a freshly drawn token (replacing one a crashed attempt drew). */
export async function setEmailVerificationToken(db: Executor, id: string, tokenHash: string) {
	const result = await db
		.updateTable('emailVerifications')
		.set({ tokenHash })
		.where('id', '=', id)
		.where('sentAt', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function markEmailVerificationSent(db: Executor, id: string) {
	await db
		.updateTable('emailVerifications')
		.set({ sentAt: new Date() })
		.where('id', '=', id)
		.execute();
}

export async function lockEmailVerificationByTokenHash(db: Executor, tokenHash: string) {
	return db
		.selectFrom('emailVerifications')
		.select(['id', 'businessId', 'email', 'expiresAt', 'usedAt'])
		.where('tokenHash', '=', tokenHash)
		.forUpdate()
		.executeTakeFirst();
}

export async function markEmailVerificationUsed(db: Executor, id: string) {
	await db
		.updateTable('emailVerifications')
		.set({ usedAt: new Date() })
		.where('id', '=', id)
		.execute();
}

/** The newest link sent to the business's current email, for Settings ("sent at …"). */
export async function findLatestEmailVerification(db: Executor, businessId: string, email: string) {
	return db
		.selectFrom('emailVerifications')
		.select(['id', 'createdAt', 'sentAt', 'expiresAt'])
		.where('businessId', '=', businessId)
		.where(sql`lower(email)`, '=', email.toLowerCase())
		.where('usedAt', 'is', null)
		.orderBy('createdAt', 'desc')
		.limit(1)
		.executeTakeFirst();
}

/** Links asked for by the business since `since`, and when the oldest of them was. */
export async function countEmailVerificationsSince(db: Executor, businessId: string, since: Date) {
	const row = await db
		.selectFrom('emailVerifications')
		.select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('createdAt').as('oldest')])
		.where('businessId', '=', businessId)
		.where('createdAt', '>', since)
		.executeTakeFirstOrThrow();
	return { count: Number(row.count), oldest: row.oldest as Date | null };
}
