import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { DeliveryState, MessageKind, MessagesTable } from '../schema.ts';

export const INVOICE_ACTIVE_SEND_UNIQUE = 'messages_invoice_active_send_uq';
/** One outbox row per (invoice, reminder step): the claim that a step is never sent twice. */
export const REMINDER_STEP_UNIQUE = 'messages_reminder_step_uq';

export type NewOutboundEmail = Pick<
	Insertable<MessagesTable>,
	| 'customerId'
	| 'subject'
	| 'body'
	| 'recipient'
	| 'rfcMessageId'
	| 'inReplyTo'
	| 'invoiceId'
	| 'reminderOffset'
	| 'apiKeyId'
	| 'sourceId'
> & { kind: MessageKind };

/** Records an email to send: it shows on the Messages tab at once as "queued". */
export async function insertOutboundEmail(
	db: Executor,
	businessId: string,
	values: NewOutboundEmail,
) {
	return db
		.insertInto('messages')
		.values({
			...values,
			businessId,
			direction: 'outbound',
			channel: 'email',
			deliveryState: 'queued',
		})
		.returning(['id', 'deliveryState', 'createdAt'])
		.executeTakeFirstOrThrow();
}

/**
 * The invoice email (kind 'invoice', not a reminder or receipt) in one of `states`: with the
 * domain's ACTIVE_DELIVERY_STATES, the live (not yet finished) send, if any.
 */
export async function findInvoiceEmailIn(
	db: Executor,
	businessId: string,
	invoiceId: string,
	states: readonly DeliveryState[],
) {
	return db
		.selectFrom('messages')
		.select(['id', 'deliveryState'])
		.where('businessId', '=', businessId)
		.where('invoiceId', '=', invoiceId)
		.where('kind', '=', 'invoice')
		.where('deliveryState', 'in', [...states])
		.executeTakeFirst();
}

/** The latest invoice email: what the invoice view shows as its delivery state. */
export async function latestInvoiceEmail(db: Executor, businessId: string, invoiceId: string) {
	return db
		.selectFrom('messages')
		.select(['id', 'deliveryState', 'deliveryError', 'recipient', 'sentAt', 'createdAt'])
		.where('businessId', '=', businessId)
		.where('invoiceId', '=', invoiceId)
		.where('kind', '=', 'invoice')
		.where('direction', '=', 'outbound')
		.orderBy('createdAt', 'desc')
		.limit(1)
		.executeTakeFirst();
}

/** Everything the worker needs to send one email; never scoped by a client-given business. */
export async function findEmailForDelivery(db: Executor, messageId: string) {
	return db
		.selectFrom('messages')
		.innerJoin('customers', 'customers.id', 'messages.customerId')
		.innerJoin('businesses', 'businesses.id', 'messages.businessId')
		.select([
			'messages.id',
			'messages.businessId',
			'messages.customerId',
			'messages.subject',
			'messages.body',
			'messages.recipient',
			'messages.deliveryState',
			'messages.rfcMessageId',
			'messages.inReplyTo',
			'messages.invoiceId',
			'messages.kind',
			'customers.name as customerName',
			'customers.replyToken',
			'businesses.name as businessName',
			'businesses.email as businessEmail',
		])
		.where('messages.id', '=', messageId)
		.executeTakeFirst();
}

/** queued → sending. Returns false when another attempt already moved it on. */
export async function claimEmail(db: Executor, messageId: string) {
	const result = await db
		.updateTable('messages')
		.set({
			deliveryState: 'sending',
			deliveryAttempts: sql`delivery_attempts + 1`,
			deliveryClaimedAt: new Date(),
		})
		.where('id', '=', messageId)
		.where('deliveryState', '=', 'queued')
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/** sending → accepted: the first thing written once the mail server took the email. */
export async function markEmailAccepted(db: Executor, messageId: string, smtpResponse: string) {
	await db
		.updateTable('messages')
		.set({ deliveryState: 'accepted', smtpResponse, deliveryError: null })
		.where('id', '=', messageId)
		.where('deliveryState', '=', 'sending')
		.execute();
}

/** accepted → sent. Returns the row when it moved (undefined when already finished). */
export async function finalizeSentEmail(db: Executor, messageId: string) {
	return db
		.updateTable('messages')
		.set({ deliveryState: 'sent', sentAt: new Date() })
		.where('id', '=', messageId)
		.where('deliveryState', '=', 'accepted')
		.returning(['id', 'businessId', 'invoiceId'])
		.executeTakeFirst();
}

/** A temporary failure: back to queued (BullMQ retries with backoff) with the reason kept. */
export async function requeueEmail(db: Executor, messageId: string, reason: string) {
	await db
		.updateTable('messages')
		.set({ deliveryState: 'queued', deliveryError: reason })
		.where('id', '=', messageId)
		.where('deliveryState', 'in', ['queued', 'sending'])
		.execute();
}

export async function failEmail(db: Executor, messageId: string, reason: string) {
	await db
		.updateTable('messages')
		.set({ deliveryState: 'failed', deliveryError: reason })
		.where('id', '=', messageId)
		.where('deliveryState', 'in', ['queued', 'sending'])
		.execute();
}

/**
 * sending → uncertain: the send was interrupted after talking to the mail server began, so the
 * customer may have the email. Only a person may send it again (retryFailedEmail).
 */
export async function markEmailUncertain(db: Executor, messageId: string, reason: string) {
	await db
		.updateTable('messages')
		.set({ deliveryState: 'uncertain', deliveryError: reason })
		.where('id', '=', messageId)
		.where('deliveryState', '=', 'sending')
		.execute();
}

/**
 * failed or uncertain → queued for a user's Retry (for an uncertain one they accept that the
 * customer may get it twice); false when it is neither (or not theirs).
 */
export async function retryFailedEmail(db: Executor, businessId: string, messageId: string) {
	const result = await db
		.updateTable('messages')
		.set({ deliveryState: 'queued', deliveryError: null, deliveryClaimedAt: null })
		.where('businessId', '=', businessId)
		.where('id', '=', messageId)
		.where('deliveryState', 'in', ['failed', 'uncertain'])
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/** Emails that still wait for a worker after `olderThan`: re-enqueued by the outbox sweeper. */
export async function staleQueuedEmails(db: Executor, olderThan: Date, limit = 500) {
	return db
		.selectFrom('messages')
		.select('id')
		.where('deliveryState', '=', 'queued')
		.where('createdAt', '<', olderThan)
		.limit(limit)
		.execute();
}

/**
 * Sends claimed before `claimedBefore` and never finished: the sweep settles those no job holds.
 * Only the claimed states (the messages_in_flight_idx predicate); queued ones are swept above.
 */
export async function staleInFlightEmails(db: Executor, claimedBefore: Date, limit = 500) {
	return db
		.selectFrom('messages')
		.select(['id', 'deliveryState'])
		.where('deliveryState', 'in', ['sending', 'accepted'])
		.where('deliveryClaimedAt', '<', claimedBefore)
		.limit(limit)
		.execute();
}

/**
 * Emails that need the owner: failed, or uncertain (the customer may have them). A reminder of
 * an invoice since paid or voided needs nothing more (a retry would be cancelled): it stays in
 * the customer's log, off this list.
 */
export async function listFailedEmails(db: Executor, businessId: string, limit = 100) {
	return db
		.selectFrom('messages')
		.innerJoin('customers', 'customers.id', 'messages.customerId')
		.leftJoin('invoices', 'invoices.id', 'messages.invoiceId')
		.select([
			'messages.id',
			'messages.customerId',
			'messages.subject',
			'messages.recipient',
			'messages.deliveryState',
			'messages.deliveryError',
			'messages.deliveryAttempts',
			'messages.createdAt',
			'messages.invoiceId',
			'invoices.number as invoiceNumber',
			'customers.name as customerName',
		])
		.where('messages.businessId', '=', businessId)
		.where('messages.deliveryState', 'in', ['failed', 'uncertain'])
		.where((eb) =>
			eb.or([eb('messages.kind', '<>', 'reminder'), eb('invoices.status', '=', 'sent')]),
		)
		.orderBy('messages.createdAt', 'desc')
		.limit(limit)
		.execute();
}
