import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { BusinessUpdate, NewBusiness } from '../schema.ts';

/** A public, unguessable key that identifies a business's contact form; rotatable. */
export function newFormKey(): string {
	return randomBytes(12).toString('base64url');
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * The local part of a business's issued inbound address: `<slug>-<random>`. Only [a-z0-9-], so
 * it can never read as a `reply+<token>` address; the 10 random characters (50 bits) make it
 * unguessable and, in practice, unique (a unique constraint makes sure).
 */
export function newInboundLocalPart(businessName: string): string {
	const slug =
		businessName
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 24)
			.replace(/-+$/, '') || 'mail';
	const random = [...randomBytes(10)].map((b) => BASE32[b % 32]).join('');
	return `${slug}-${random}`;
}

export async function insertBusiness(db: Executor, values: Omit<NewBusiness, 'formKey'>) {
	return db
		.insertInto('businesses')
		.values({
			...values,
			formKey: newFormKey(),
			inboundLocalPart: values.inboundLocalPart ?? newInboundLocalPart(values.name),
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function findBusiness(db: Executor, businessId: string) {
	return db.selectFrom('businesses').selectAll().where('id', '=', businessId).executeTakeFirst();
}

export async function updateBusiness(db: Executor, businessId: string, values: BusinessUpdate) {
	// A changed business email is not verified any more, whoever changes it.
	const verification =
		values.email !== undefined && values.emailVerifiedAt === undefined
			? {
					emailVerifiedAt: sql<Date | null>`case when lower(email) is not distinct from lower(${values.email}) then email_verified_at end`,
				}
			: {};
	return db
		.updateTable('businesses')
		.set({ ...values, ...verification, updatedAt: new Date() })
		.where('id', '=', businessId)
		.returningAll()
		.executeTakeFirst();
}

export async function deleteBusiness(db: Executor, businessId: string) {
	await db.deleteFrom('businesses').where('id', '=', businessId).execute();
}

/** The one business whose issued inbound address this local part is. */
export async function findBusinessByInboundLocalPart(db: Executor, localParts: string[]) {
	if (!localParts.length) return undefined;
	return db
		.selectFrom('businesses')
		.select(['id', 'acceptUnknownSenders'])
		.where(
			'inboundLocalPart',
			'in',
			localParts.map((l) => l.toLowerCase()),
		)
		.orderBy('createdAt')
		.limit(1)
		.executeTakeFirst();
}

/** The business that verified one of these addresses (at most one per address: unique index). */
export async function findBusinessByVerifiedEmail(db: Executor, addresses: string[]) {
	if (!addresses.length) return undefined;
	return db
		.selectFrom('businesses')
		.select(['id', 'acceptUnknownSenders'])
		.where('emailVerifiedAt', 'is not', null)
		.where(
			sql`lower(email)`,
			'in',
			addresses.map((a) => a.toLowerCase()),
		)
		.orderBy('createdAt')
		.limit(1)
		.executeTakeFirst();
}

/** Whether some business typed one of these addresses without verifying it. */
export async function isUnverifiedBusinessEmail(db: Executor, addresses: string[]) {
	if (!addresses.length) return false;
	const row = await db
		.selectFrom('businesses')
		.select('id')
		.where('emailVerifiedAt', 'is', null)
		.where(
			sql`lower(email)`,
			'in',
			addresses.map((a) => a.toLowerCase()),
		)
		.limit(1)
		.executeTakeFirst();
	return !!row;
}

/** Whether a business other than `businessId` verified this address. */
export async function isEmailVerifiedElsewhere(db: Executor, businessId: string, email: string) {
	const row = await db
		.selectFrom('businesses')
		.select('id')
		.where('id', '!=', businessId)
		.where('emailVerifiedAt', 'is not', null)
		.where(sql`lower(email)`, '=', email.toLowerCase())
		.executeTakeFirst();
	return !!row;
}

/**
 * Marks `email` verified for the business if it still is the business email; false when it
 * changed meanwhile. Throws the unique violation of businesses_verified_email_uq when another
 * business verified it first.
 */
export async function markBusinessEmailVerified(db: Executor, businessId: string, email: string) {
	const result = await db
		.updateTable('businesses')
		.set({ emailVerifiedAt: new Date(), updatedAt: new Date() })
		.where('id', '=', businessId)
		.where(sql`lower(email)`, '=', email.toLowerCase())
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}
