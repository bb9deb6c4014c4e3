import { sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';
import { pageByTimeDesc } from '../keyset.ts';
import type { CustomerUpdate, NewCustomer } from '../schema.ts';
import { customerColumns } from './customer-columns.ts';
import { type SearchCursor, searchCustomers } from './customer-search.ts';

export const CUSTOMER_EMAIL_UNIQUE = 'customers_business_email_uq';

/** A list position; during a search it also carries the match rank of the last row. */
export type CustomerCursor = SearchCursor;

const columns = customerColumns;

/**
 * Newest activity first, keyset-paged on (last_activity_at, id) so deep pages stay fast. With a
 * search: best matches first (exact, starts with, contains; see searchCustomers).
 */
export async function listCustomers(
	db: Executor,
	businessId: string,
	opts: { search?: string; cursor?: CustomerCursor; limit: number },
) {
	const search = opts.search?.trim();
	if (search) return searchCustomers(db, businessId, { ...opts, search });
	const query = db.selectFrom('customers').select(columns).where('businessId', '=', businessId);
	const page = await pageByTimeDesc(query, {
		time: 'lastActivityAt',
		cursor: opts.cursor,
		limit: opts.limit,
	});
	const nextCursor: CustomerCursor | null = page.nextCursor;
	return { items: page.items, nextCursor };
}

export async function findCustomer(db: Executor, businessId: string, id: string) {
	if (!isUuid(id)) return undefined;
	return db
		.selectFrom('customers')
		.select(columns)
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** The customer with this email as its primary or as another address (case-insensitive). */
export async function findCustomerByEmail(db: Executor, businessId: string, email: string) {
	return db
		.selectFrom('customers')
		.select(columns)
		.where('businessId', '=', businessId)
		.where('id', '=', (eb) =>
			eb
				.selectFrom('customerEmails')
				.select('customerId')
				.where('businessId', '=', businessId)
				.where(sql`lower(email)`, '=', email.trim().toLowerCase()),
		)
		.executeTakeFirst();
}

export async function insertCustomer(
	db: Executor,
	businessId: string,
	values: Omit<NewCustomer, 'businessId'>,
) {
	return db
		.insertInto('customers')
		.values({ ...values, businessId })
		.returning(columns)
		.executeTakeFirstOrThrow();
}

export async function updateCustomer(
	db: Executor,
	businessId: string,
	id: string,
	values: Omit<CustomerUpdate, 'businessId' | 'id'>,
) {
	if (!isUuid(id)) return undefined;
	return db
		.updateTable('customers')
		.set({ ...values, updatedAt: new Date() })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.returning(columns)
		.executeTakeFirst();
}
