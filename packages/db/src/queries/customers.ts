import { sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';
import { pageByTimeDesc, type TimeCursor } from '../keyset.ts';
import type { CustomerUpdate, NewCustomer } from '../schema.ts';

export const CUSTOMER_EMAIL_UNIQUE = 'customers_business_email_uq';

export type CustomerCursor = TimeCursor<'lastActivityAt'>;

const columns = [
	'id',
	'name',
	'email',
	'phone',
	'address',
	'taxId',
	'lastActivityAt',
	// Kept by the payments ledger and invoice transitions (refreshCustomerOpenBalance).
	'openBalanceMinor',
	'createdAt',
	'updatedAt',
] as const;

/** Newest activity first, keyset-paged on (last_activity_at, id) so deep pages stay fast. */
export async function listCustomers(
	db: Executor,
	businessId: string,
	opts: { search?: string; cursor?: CustomerCursor; limit: number },
) {
	let query = db.selectFrom('customers').select(columns).where('businessId', '=', businessId);
	const search = opts.search?.trim();
	if (search) {
		const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		query = query.where((eb) =>
			eb.or([
				eb('name', 'ilike', pattern),
				eb('email', 'ilike', pattern),
				eb('phone', 'ilike', pattern),
			]),
		);
	}
	return pageByTimeDesc(query, { time: 'lastActivityAt', cursor: opts.cursor, limit: opts.limit });
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

export async function findCustomerByEmail(db: Executor, businessId: string, email: string) {
	return db
		.selectFrom('customers')
		.select(columns)
		.where('businessId', '=', businessId)
		.where(sql`lower(email)`, '=', email.toLowerCase())
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
