import { sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';
import { beforeCursor, keysetPage } from '../keyset.ts';
import type { CustomerUpdate, NewCustomer } from '../schema.ts';

export const CUSTOMER_EMAIL_UNIQUE = 'customers_business_email_uq';

export interface CustomerCursor {
	lastActivityAt: string;
	id: string;
}

const columns = [
	'id',
	'name',
	'email',
	'phone',
	'lastActivityAt',
	'createdAt',
	'updatedAt',
] as const;

/** Newest activity first, keyset-paged on (last_activity_at, id) so deep pages stay fast. */
export async function listCustomers(
	db: Executor,
	businessId: string,
	opts: { search?: string; cursor?: CustomerCursor; limit: number },
) {
	let query = db
		.selectFrom('customers')
		.select(columns)
		.where('businessId', '=', businessId)
		.orderBy('lastActivityAt', 'desc')
		.orderBy('id', 'desc')
		.limit(opts.limit + 1);
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
	if (opts.cursor) {
		const { lastActivityAt, id } = opts.cursor;
		query = query.where(beforeCursor('last_activity_at', 'id', { at: lastActivityAt, id }));
	}
	const { items, cursor: nextCursor } = keysetPage(await query.execute(), opts.limit, (row) => ({
		lastActivityAt: row.lastActivityAt.toISOString(),
		id: row.id,
	}));
	return { items, nextCursor };
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
