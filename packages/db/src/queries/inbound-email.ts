import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { MessageAttachment } from '../schema.ts';

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

/** Businesses an email was addressed to directly (their own address). */
export async function findBusinessesByEmail(db: Executor, addresses: string[]) {
	if (!addresses.length) return [];
	return db
		.selectFrom('businesses')
		.select(['id', 'acceptUnknownSenders'])
		.where(
			sql`lower(email)`,
			'in',
			addresses.map((a) => a.toLowerCase()),
		)
		.execute();
}

export interface InboundEmailRow {
	sourceId: string;
	subject: string | null;
	body: string;
	bodyFull: string;
	senderName: string | null;
	senderEmail: string;
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

export async function quarantineEmail(
	db: Executor,
	businessId: string,
	email: {
		sourceId: string;
		senderName: string | null;
		senderEmail: string;
		subject: string | null;
		payload: object;
	},
) {
	await db
		.insertInto('emailQuarantine')
		.values({ ...email, businessId, payload: JSON.stringify(email.payload) })
		.onConflict((oc) => oc.constraint('email_quarantine_source_uq').doNothing())
		.execute();
}

export async function listEmailQuarantine(db: Executor, businessId: string, limit = 50) {
	return db
		.selectFrom('emailQuarantine')
		.select(['id', 'senderName', 'senderEmail', 'subject', 'createdAt'])
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
