import { sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';
import type { CustomerMergeCounts } from '../schema.ts';
import { customerColumns } from './customer-columns.ts';

/**
 * Both customers of a merge, locked for it. FOR UPDATE (not NO KEY UPDATE) because the merged
 * one is deleted: a form submission or email appended to it meanwhile waits on its foreign-key
 * check, then finds it gone and is matched again (to the survivor). Locked in the order the form
 * upsert locks customers (by email), so a merge and a batch never deadlock.
 */
export async function lockCustomersForMerge(trx: Executor, businessId: string, ids: string[]) {
	if (!ids.every(isUuid)) return [];
	return trx
		.selectFrom('customers')
		.select([...customerColumns, 'replyToken'])
		.where('businessId', '=', businessId)
		.where('id', 'in', ids)
		.orderBy(sql`lower(email) collate "C"`)
		.orderBy('id')
		.forUpdate()
		.execute();
}

/** Everything of a customer that a merge moves, counted. */
export async function countCustomerContents(
	db: Executor,
	businessId: string,
	customerId: string,
): Promise<CustomerMergeCounts> {
	const row = await db
		.selectNoFrom((eb) => [
			eb
				.selectFrom('messages')
				.select(eb.fn.countAll<string>().as('n'))
				.where('businessId', '=', businessId)
				.where('customerId', '=', customerId)
				.where('channel', '<>', 'system')
				.as('messages'),
			eb
				.selectFrom('messages')
				.select(eb.fn.countAll<string>().as('n'))
				.where('businessId', '=', businessId)
				.where('customerId', '=', customerId)
				.where('direction', '=', 'inbound')
				.where('readAt', 'is', null)
				.as('unread'),
			eb
				.selectFrom('notes')
				.select(eb.fn.countAll<string>().as('n'))
				.where('businessId', '=', businessId)
				.where('customerId', '=', customerId)
				.where('deletedAt', 'is', null)
				.as('notes'),
			eb
				.selectFrom('invoices')
				.select(eb.fn.countAll<string>().as('n'))
				.where('businessId', '=', businessId)
				.where('customerId', '=', customerId)
				.as('invoices'),
			eb
				.selectFrom('payments')
				.innerJoin('invoices', 'invoices.id', 'payments.invoiceId')
				.select(eb.fn.countAll<string>().as('n'))
				.where('invoices.businessId', '=', businessId)
				.where('invoices.customerId', '=', customerId)
				.where('payments.deletedAt', 'is', null)
				.as('payments'),
			eb
				.selectFrom('customerEmails')
				.select(eb.fn.countAll<string>().as('n'))
				.where('businessId', '=', businessId)
				.where('customerId', '=', customerId)
				.as('emails'),
			eb
				.selectFrom('customerPhones')
				.select(eb.fn.countAll<string>().as('n'))
				.where('businessId', '=', businessId)
				.where('customerId', '=', customerId)
				.as('phones'),
			eb
				.selectFrom('customers')
				.select('openBalanceMinor')
				.where('businessId', '=', businessId)
				.where('id', '=', customerId)
				.as('openBalanceMinor'),
		])
		.executeTakeFirstOrThrow();
	return {
		messages: Number(row.messages),
		unread: Number(row.unread),
		notes: Number(row.notes),
		invoices: Number(row.invoices),
		payments: Number(row.payments),
		emails: Number(row.emails),
		phones: Number(row.phones),
		openBalanceMinor: Number(row.openBalanceMinor ?? 0),
	};
}

/**
 * Moves every row of one customer to another, in the caller's transaction (both locked).
 * Invoices keep their numbers and issued snapshots: what the customer was sent never changes.
 * A phone both have is kept once (phones are unique per customer).
 */
export async function moveCustomerContents(
	trx: Executor,
	businessId: string,
	fromId: string,
	toId: string,
) {
	for (const table of ['messages', 'notes', 'invoices', 'customerEmails'] as const) {
		await trx
			.updateTable(table)
			.set({ customerId: toId })
			.where('businessId', '=', businessId)
			.where('customerId', '=', fromId)
			.execute();
	}
	await trx
		.updateTable('customerPhones')
		.set({ customerId: toId })
		.where('businessId', '=', businessId)
		.where('customerId', '=', fromId)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('customerPhones as kept')
						.select('kept.id')
						.where('kept.customerId', '=', toId)
						.whereRef('kept.phoneDigits', '=', 'customerPhones.phoneDigits'),
				),
			),
		)
		.execute();
}

/** Records the merge and deletes the merged customer's (now empty) row. */
export async function recordCustomerMerge(
	trx: Executor,
	businessId: string,
	merge: {
		merged: { id: string; name: string; email: string | null; replyToken: string };
		survivorId: string;
		moved: CustomerMergeCounts;
		mergedBy: string | null;
	},
) {
	// Earlier merges into the merged customer now lead to the survivor (one hop, always).
	await trx
		.updateTable('customerMerges')
		.set({ survivorId: merge.survivorId })
		.where('businessId', '=', businessId)
		.where('survivorId', '=', merge.merged.id)
		.execute();
	const row = await trx
		.insertInto('customerMerges')
		.values({
			businessId,
			mergedId: merge.merged.id,
			survivorId: merge.survivorId,
			mergedName: merge.merged.name,
			mergedEmail: merge.merged.email,
			replyToken: merge.merged.replyToken,
			moved: JSON.stringify(merge.moved),
			mergedBy: merge.mergedBy,
		})
		.returning(['id', 'mergedAt'])
		.executeTakeFirstOrThrow();
	await trx
		.deleteFrom('customers')
		.where('businessId', '=', businessId)
		.where('id', '=', merge.merged.id)
		.execute();
	return row;
}

/** Where a merged-away customer's id leads now: its survivor, with when and what it was called. */
export async function findCustomerMerge(db: Executor, businessId: string, mergedId: string) {
	if (!isUuid(mergedId)) return undefined;
	return db
		.selectFrom('customerMerges')
		.select(['survivorId', 'mergedName', 'mergedEmail', 'mergedAt'])
		.where('businessId', '=', businessId)
		.where('mergedId', '=', mergedId)
		.executeTakeFirst();
}
