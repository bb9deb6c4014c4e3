import type { Executor } from '../executor.ts';

// Users, sessions and accounts are written by the auth library (better-auth); we only read.

/** The user with this login email and the business it belongs to. */
export async function findUserByEmail(db: Executor, email: string) {
	return db
		.selectFrom('users')
		.select(['id', 'businessId'])
		.where('email', '=', email.toLowerCase())
		.executeTakeFirst();
}
