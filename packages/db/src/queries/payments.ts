import { sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';
import type { NewPayment } from '../schema.ts';

const paymentColumns = [
	'payments.id',
	'payments.invoiceId',
	'payments.amountMinor',
	'payments.currency',
	'payments.paidOn',
	'payments.method',
	'payments.reference',
	'payments.note',
	'payments.source',
	'payments.provider',
	'payments.providerId',
	'payments.flag',
	'payments.createdAt',
	'payments.deletedAt',
] as const;

/**
 * Adds a payment. A provider payment already recorded (same provider id) is not added again:
 * undefined then, so redeliveries of one webhook are no-ops.
 */
export async function insertPayment(
	trx: Executor,
	businessId: string,
	values: Omit<NewPayment, 'businessId'>,
) {
	return trx
		.insertInto('payments')
		.values({ ...values, businessId })
		.onConflict((oc) =>
			oc.columns(['provider', 'providerId']).where('providerId', 'is not', null).doNothing(),
		)
		.returning('id')
		.executeTakeFirst();
}

/** Removes a payment from the balance but keeps it in the history; undefined when already gone. */
export async function markPaymentDeleted(
	trx: Executor,
	businessId: string,
	id: string,
	deletedBy: string | null,
) {
	if (!isUuid(id)) return undefined;
	return trx
		.updateTable('payments')
		.set({ deletedAt: new Date(), deletedBy })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('deletedAt', 'is', null)
		.returning(['id', 'invoiceId'])
		.executeTakeFirst();
}

export async function findPayment(db: Executor, businessId: string, id: string) {
	if (!isUuid(id)) return undefined;
	return db
		.selectFrom('payments')
		.select(paymentColumns)
		.where('payments.businessId', '=', businessId)
		.where('payments.id', '=', id)
		.executeTakeFirst();
}

/** What the live payments add up to, and the date of the latest one. */
export async function sumInvoicePayments(db: Executor, invoiceId: string) {
	const row = await db
		.selectFrom('payments')
		.select((eb) => [
			eb.fn.coalesce(eb.fn.sum<number>('amountMinor'), sql<number>`0`).as('paidMinor'),
			eb.fn.max('paidOn').as('lastPaidOn'),
		])
		.where('invoiceId', '=', invoiceId)
		.where('deletedAt', 'is', null)
		.executeTakeFirstOrThrow();
	return { paidMinor: Number(row.paidMinor), lastPaidOn: row.lastPaidOn ?? null };
}

export async function setInvoicePaidMinor(
	trx: Executor,
	businessId: string,
	id: string,
	paidMinor: number,
	paidOn: string | null,
) {
	await trx
		.updateTable('invoices')
		.set({ paidMinor, paidOn, updatedAt: new Date() })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.execute();
}

/**
 * Recomputes the customer's open balance from their issued, unpaid invoices. The customer row is
 * locked first so the sum is read after any concurrent change to the same customer committed:
 * the column is always exactly what the invoices say. FOR NO KEY UPDATE, not FOR UPDATE: a
 * transaction that updated one of the customer's invoices twice holds a key-share lock on the
 * customer (the foreign-key check), and FOR UPDATE would deadlock two such transactions.
 */
export async function refreshCustomerOpenBalance(
	trx: Executor,
	businessId: string,
	customerId: string,
) {
	await trx
		.selectFrom('customers')
		.select('id')
		.where('businessId', '=', businessId)
		.where('id', '=', customerId)
		.forNoKeyUpdate()
		.execute();
	await trx
		.updateTable('customers')
		.set({
			openBalanceMinor: sql<number>`(select coalesce(sum(greatest(total_minor - paid_minor, 0)), 0)
				from invoices where business_id = ${businessId} and customer_id = ${customerId} and status = 'sent')`,
		})
		.where('businessId', '=', businessId)
		.where('id', '=', customerId)
		.execute();
}

/** Every payment of an invoice, deleted ones included (the history), oldest first, with who. */
export async function listInvoicePayments(db: Executor, businessId: string, invoiceId: string) {
	if (!isUuid(invoiceId)) return [];
	return db
		.selectFrom('payments')
		.leftJoin('users as creator', 'creator.id', 'payments.createdBy')
		.leftJoin('users as deleter', 'deleter.id', 'payments.deletedBy')
		.select(paymentColumns)
		.select(['creator.name as createdByName', 'deleter.name as deletedByName'])
		.where('payments.businessId', '=', businessId)
		.where('payments.invoiceId', '=', invoiceId)
		.orderBy('payments.createdAt')
		.orderBy('payments.id')
		.execute();
}

/**
 * Claims a provider's webhook event: false when it was handled before (a redelivery), so each
 * event is looked at once. Written in the transaction that acts on it.
 */
export async function claimPaymentEvent(
	trx: Executor,
	event: { provider: 'stripe'; eventId: string; businessId: string; type: string },
) {
	const row = await trx
		.insertInto('paymentEvents')
		.values({ ...event, outcome: 'recorded' })
		.onConflict((oc) => oc.columns(['provider', 'eventId']).doNothing())
		.returning('eventId')
		.executeTakeFirst();
	return Boolean(row);
}

export async function settlePaymentEvent(
	trx: Executor,
	event: { provider: 'stripe'; eventId: string },
	outcome: { outcome: 'recorded' | 'duplicate' | 'ignored'; reason?: string; paymentId?: string },
) {
	await trx
		.updateTable('paymentEvents')
		.set({
			outcome: outcome.outcome,
			reason: outcome.reason ?? null,
			paymentId: outcome.paymentId ?? null,
		})
		.where('provider', '=', event.provider)
		.where('eventId', '=', event.eventId)
		.execute();
}
