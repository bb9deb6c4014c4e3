import { sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';

/** The one check that an email belongs to one customer of a business (primary or other). */
export const CUSTOMER_EMAILS_UNIQUE = 'customer_emails_business_email_uq';
/** A customer lists a phone number (by its digits) once. */
export const CUSTOMER_PHONES_UNIQUE = 'customer_phones_customer_digits_uq';

const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/**
 * A customer's emails and phones, primary first, then oldest first. `primary` is the row that
 * mirrors customers.email / customers.phone.
 */
export async function listCustomerAddresses(db: Executor, businessId: string, customerId: string) {
	if (!isUuid(customerId)) return { emails: [], phones: [] };
	const [emails, phones] = await Promise.all([
		db
			.selectFrom('customerEmails as e')
			.innerJoin('customers as c', 'c.id', 'e.customerId')
			.select([
				'e.id',
				'e.email',
				'e.createdAt',
				sql<boolean>`coalesce(lower(c.email) = lower(e.email), false)`.as('primary'),
			])
			.where('e.businessId', '=', businessId)
			.where('e.customerId', '=', customerId)
			.orderBy(sql`coalesce(lower(c.email) = lower(e.email), false)`, 'desc')
			.orderBy('e.createdAt')
			.orderBy('e.id')
			.execute(),
		db
			.selectFrom('customerPhones as p')
			.innerJoin('customers as c', 'c.id', 'p.customerId')
			.select([
				'p.id',
				'p.phone',
				'p.createdAt',
				sql<boolean>`coalesce(regexp_replace(c.phone, '\\D', '', 'g') = p.phone_digits, false)`.as(
					'primary',
				),
			])
			.where('p.businessId', '=', businessId)
			.where('p.customerId', '=', customerId)
			.orderBy(
				sql`coalesce(regexp_replace(c.phone, '\\D', '', 'g') = p.phone_digits, false)`,
				'desc',
			)
			.orderBy('p.createdAt')
			.orderBy('p.id')
			.execute(),
	]);
	return { emails, phones };
}

export type CustomerAddresses = Awaited<ReturnType<typeof listCustomerAddresses>>;

/**
 * The customers owning any of these emails (primary or other), in one query: a map from
 * lower(email) to the customer's id, name and primary email. What every matching path uses.
 */
export async function findCustomersByEmails(
	db: Executor,
	businessId: string,
	emails: readonly string[],
) {
	const keys = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
	const found = new Map<string, { id: string; name: string; email: string | null }>();
	if (keys.length === 0) return found;
	const rows = await db
		.selectFrom('customerEmails as e')
		.innerJoin('customers as c', 'c.id', 'e.customerId')
		.select([sql<string>`lower(e.email)`.as('key'), 'c.id', 'c.name', 'c.email'])
		.where('e.businessId', '=', businessId)
		.where(sql`lower(e.email)`, 'in', keys)
		.execute();
	for (const { key, ...customer } of rows) found.set(key, customer);
	return found;
}

/**
 * Customers with any of these phone numbers, compared on digits (a shared phone yields several
 * customers): a map from digits to them. Numbers without digits match nothing.
 */
export async function findCustomersByPhones(
	db: Executor,
	businessId: string,
	phones: readonly string[],
) {
	const keys = [...new Set(phones.map(digitsOf).filter(Boolean))];
	const found = new Map<string, { id: string; name: string; email: string | null }[]>();
	if (keys.length === 0) return found;
	const rows = await db
		.selectFrom('customerPhones as p')
		.innerJoin('customers as c', 'c.id', 'p.customerId')
		.select(['p.phoneDigits as key', 'c.id', 'c.name', 'c.email'])
		.where('p.businessId', '=', businessId)
		.where('p.phoneDigits', 'in', keys)
		.orderBy('c.createdAt')
		.execute();
	for (const { key, ...customer } of rows) found.set(key, [...(found.get(key) ?? []), customer]);
	return found;
}

/** Adds another email; the unique index refuses one any customer of the business has. */
export async function insertCustomerEmail(
	db: Executor,
	businessId: string,
	customerId: string,
	email: string,
) {
	return db
		.insertInto('customerEmails')
		.values({ businessId, customerId, email })
		.returning(['id', 'email', 'createdAt'])
		.executeTakeFirstOrThrow();
}

export async function insertCustomerPhone(
	db: Executor,
	businessId: string,
	customerId: string,
	phone: string,
) {
	return db
		.insertInto('customerPhones')
		.values({ businessId, customerId, phone })
		.returning(['id', 'phone', 'createdAt'])
		.executeTakeFirstOrThrow();
}

export async function findCustomerEmail(
	db: Executor,
	businessId: string,
	customerId: string,
	id: string,
) {
	if (!isUuid(id) || !isUuid(customerId)) return undefined;
	return db
		.selectFrom('customerEmails')
		.select(['id', 'email', 'createdAt'])
		.where('businessId', '=', businessId)
		.where('customerId', '=', customerId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function findCustomerPhone(
	db: Executor,
	businessId: string,
	customerId: string,
	id: string,
) {
	if (!isUuid(id) || !isUuid(customerId)) return undefined;
	return db
		.selectFrom('customerPhones')
		.select(['id', 'phone', 'phoneDigits', 'createdAt'])
		.where('businessId', '=', businessId)
		.where('customerId', '=', customerId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/** The customer's oldest email other than `exceptId` (what a removed primary hands over to). */
export async function oldestOtherEmail(
	db: Executor,
	businessId: string,
	customerId: string,
	exceptId: string | null,
) {
	let query = db
		.selectFrom('customerEmails')
		.select(['id', 'email'])
		.where('businessId', '=', businessId)
		.where('customerId', '=', customerId);
	if (exceptId) query = query.where('id', '!=', exceptId);
	return query.orderBy('createdAt').orderBy('id').executeTakeFirst();
}

export async function oldestOtherPhone(
	db: Executor,
	businessId: string,
	customerId: string,
	exceptId: string | null,
) {
	let query = db
		.selectFrom('customerPhones')
		.select(['id', 'phone'])
		.where('businessId', '=', businessId)
		.where('customerId', '=', customerId);
	if (exceptId) query = query.where('id', '!=', exceptId);
	return query.orderBy('createdAt').orderBy('id').executeTakeFirst();
}

export async function deleteCustomerEmail(
	db: Executor,
	businessId: string,
	customerId: string,
	id: string,
) {
	const row = await db
		.deleteFrom('customerEmails')
		.where('businessId', '=', businessId)
		.where('customerId', '=', customerId)
		.where('id', '=', id)
		.returning('id')
		.executeTakeFirst();
	return Boolean(row);
}

export async function deleteCustomerPhone(
	db: Executor,
	businessId: string,
	customerId: string,
	id: string,
) {
	const row = await db
		.deleteFrom('customerPhones')
		.where('businessId', '=', businessId)
		.where('customerId', '=', customerId)
		.where('id', '=', id)
		.returning('id')
		.executeTakeFirst();
	return Boolean(row);
}

/**
 * Locks the customer row for an address change, so two changes to one customer's primary
 * (remove, make primary) run one after the other. Undefined when not the business's customer.
 */
export async function lockCustomerPrimaries(db: Executor, businessId: string, customerId: string) {
	if (!isUuid(customerId)) return undefined;
	return db
		.selectFrom('customers')
		.select(['id', 'name', 'email', 'phone'])
		.where('businessId', '=', businessId)
		.where('id', '=', customerId)
		.forUpdate()
		.executeTakeFirst();
}

/** Sets the primary email/phone; the triggers move the matching customer_emails/phones rows. */
export async function setCustomerPrimaries(
	db: Executor,
	businessId: string,
	customerId: string,
	values: { email?: string | null; phone?: string | null },
) {
	await db
		.updateTable('customers')
		.set({ ...values, updatedAt: new Date() })
		.where('businessId', '=', businessId)
		.where('id', '=', customerId)
		.execute();
}
