import { sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';
import { pageByTimeDesc, type TimeCursor } from '../keyset.ts';

export type MessageCursor = TimeCursor<'createdAt'>;

const timelineColumns = [
	'id',
	'direction',
	'channel',
	// 'payment' (a system event), 'receipt', 'invoice'…: how the timeline draws it.
	'kind',
	'subject',
	'body',
	'fields',
	'attachments',
	'senderName',
	'senderEmail',
	'recipient',
	'deliveryState',
	'deliveryError',
	'invoiceId',
	'readAt',
	'sentAt',
	'createdAt',
] as const;

/**
 * One page of a customer's conversation, newest first (the index order); the caller shows it
 * oldest → newest. `before` pages back in time, keyset on (created_at, id), so page 10,000 costs
 * what page 1 does.
 */
export async function listMessages(
	db: Executor,
	businessId: string,
	customerId: string,
	{ before, limit }: { before?: MessageCursor; limit: number },
) {
	const query = db
		.selectFrom('messages')
		.select(timelineColumns)
		// An automated message names the API key it came through ("… from Calendly key").
		.select((eb) =>
			eb
				.selectFrom('apiKeys')
				.select('apiKeys.name')
				.whereRef('apiKeys.id', '=', 'messages.apiKeyId')
				.as('apiKeyName'),
		)
		.where('businessId', '=', businessId)
		.where('customerId', '=', customerId);
	const page = await pageByTimeDesc(query, { time: 'createdAt', cursor: before, limit });
	return { items: page.items, olderCursor: page.nextCursor };
}

/** The latest inbound message: a reply answers it (subject, In-Reply-To). */
export async function latestInbound(db: Executor, businessId: string, customerId: string) {
	return db
		.selectFrom('messages')
		.select(['subject', 'rfcMessageId'])
		.where('businessId', '=', businessId)
		.where('customerId', '=', customerId)
		.where('direction', '=', 'inbound')
		.orderBy('createdAt', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export async function markMessagesRead(db: Executor, businessId: string, customerId: string) {
	if (!isUuid(customerId)) return 0;
	const result = await db
		.updateTable('messages')
		.set({ readAt: new Date() })
		.where('businessId', '=', businessId)
		.where('customerId', '=', customerId)
		.where('direction', '=', 'inbound')
		.where('readAt', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Unread inbound messages per customer, for the customers on one list page. */
export async function unreadCounts(db: Executor, businessId: string, customerIds: string[]) {
	if (!customerIds.length) return new Map<string, number>();
	const rows = await db
		.selectFrom('messages')
		.select(['customerId', (eb) => eb.fn.countAll<number>().as('unread')])
		.where('businessId', '=', businessId)
		.where('customerId', 'in', customerIds)
		.where('direction', '=', 'inbound')
		.where('readAt', 'is', null)
		.groupBy('customerId')
		.execute();
	return new Map(rows.map((r) => [r.customerId, Number(r.unread)]));
}

/** Moves the customer up the list: something just happened with them. */
export async function touchCustomer(
	db: Executor,
	businessId: string,
	customerId: string,
	at = new Date(),
) {
	await db
		.updateTable('customers')
		.set({ lastActivityAt: sql`greatest(last_activity_at, ${at})` })
		.where('businessId', '=', businessId)
		.where('id', '=', customerId)
		.execute();
}

/** Something that happened with the customer, shown on the Messages tab as a system event. */
export async function insertSystemEvent(
	db: Executor,
	businessId: string,
	values: { customerId: string; kind: 'payment' | 'merge'; body: string; invoiceId: string | null },
) {
	return db
		.insertInto('messages')
		.values({ ...values, businessId, direction: 'outbound', channel: 'system', readAt: new Date() })
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** A message by its idempotency source (messages_source_uq): what a replayed request gets. */
export async function findMessageBySource(db: Executor, businessId: string, sourceId: string) {
	return db
		.selectFrom('messages')
		.select(['id', 'deliveryState', 'deliveryError'])
		.where('businessId', '=', businessId)
		.where('sourceId', '=', sourceId)
		.executeTakeFirst();
}
