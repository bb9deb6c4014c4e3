import { randomBytes } from 'node:crypto';
import type { Executor } from '../executor.ts';
import type { BusinessUpdate, NewBusiness } from '../schema.ts';

/** A public, unguessable key that identifies a business's contact form; rotatable. */
export function newFormKey(): string {
	return randomBytes(12).toString('base64url');
}

export async function insertBusiness(db: Executor, values: Omit<NewBusiness, 'formKey'>) {
	return db
		.insertInto('businesses')
		.values({ ...values, formKey: newFormKey() })
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function findBusiness(db: Executor, businessId: string) {
	return db.selectFrom('businesses').selectAll().where('id', '=', businessId).executeTakeFirst();
}

export async function updateBusiness(db: Executor, businessId: string, values: BusinessUpdate) {
	return db
		.updateTable('businesses')
		.set({ ...values, updatedAt: new Date() })
		.where('id', '=', businessId)
		.returningAll()
		.executeTakeFirst();
}

export async function deleteBusiness(db: Executor, businessId: string) {
	await db.deleteFrom('businesses').where('id', '=', businessId).execute();
}

/** The business and user behind a signed-in user id; undefined when the user is gone. */
export async function findMembership(db: Executor, userId: string) {
	return db
		.selectFrom('users')
		.innerJoin('businesses', 'businesses.id', 'users.businessId')
		.select([
			'users.id as userId',
			'users.name as userName',
			'users.email as userEmail',
			'businesses.id as businessId',
			'businesses.name as businessName',
			'businesses.plan',
		])
		.where('users.id', '=', userId)
		.executeTakeFirst();
}
