import { sql } from 'kysely';
import type { Executor } from '../executor.ts';

// better-auth's one-time values (password resets), written and consumed by it. We read them to
// email the link from the worker, and delete a user's leftovers once one of them was used.

/** The newest row with this identifier (better-auth looks up the same way). */
export async function findVerificationIdByIdentifier(db: Executor, identifier: string) {
	return db
		.selectFrom('verifications')
		.select('id')
		.where('identifier', '=', identifier)
		.orderBy('createdAt', 'desc')
		.limit(1)
		.executeTakeFirst();
}

/** A row with the user its value names (a reset's value is the user id), for the email. */
export async function findVerificationWithUser(db: Executor, id: string) {
	return db
		.selectFrom('verifications')
		.leftJoin('users', 'users.id', 'verifications.value')
		.leftJoin('businesses', 'businesses.id', 'users.businessId')
		.select([
			'verifications.id',
			'verifications.identifier',
			'verifications.expiresAt',
			'users.id as userId',
			'users.email as userEmail',
			'users.name as userName',
			'businesses.name as businessName',
		])
		.where('verifications.id', '=', id)
		.executeTakeFirst();
}

export async function isVerificationUsable(db: Executor, identifier: string, now: Date) {
	const row = await db
		.selectFrom('verifications')
		.select('id')
		.where('identifier', '=', identifier)
		.where('expiresAt', '>', now)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}

/** Every row of this kind (identifier prefix) for this user; returns how many went. */
export async function deleteUserVerifications(db: Executor, userId: string, prefix: string) {
	const result = await db
		.deleteFrom('verifications')
		.where('value', '=', userId)
		.where(sql<boolean>`starts_with(identifier, ${prefix})`)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
