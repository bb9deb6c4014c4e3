import type { Executor } from '../executor.ts';

// Links that prove a business owns its email address (Settings → Verify), one row per link.

export async function insertEmailVerification(
	db: Executor,
	businessId: string,
	values: { email: string; expiresAt: Date },
) {
	return db
		.insertInto('emailVerifications')
		.values({ businessId, ...values })
		.returning(['id', 'email', 'expiresAt'])
		.executeTakeFirstOrThrow();
}

/** A verification with its business, for the worker that emails the link. */
export async function findEmailVerification(db: Executor, id: string) {
	return db
		.selectFrom('emailVerifications')
		.innerJoin('businesses', 'businesses.id', 'emailVerifications.businessId')
		.select([
			'emailVerifications.id',
			'emailVerifications.businessId',
			'emailVerifications.email',
			'emailVerifications.expiresAt',
			'emailVerifications.sentAt',
			'emailVerifications.usedAt',
			'businesses.name as businessName',
			'businesses.email as businessEmail',
		])
		.where('emailVerifications.id', '=', id)
		.executeTakeFirst();
}

/** Stores the hash of a freshly drawn token (replacing one a crashed attempt drew). */
export async function setEmailVerificationToken(db: Executor, id: string, tokenHash: string) {
	const result = await db
		.updateTable('emailVerifications')
		.set({ tokenHash })
		.where('id', '=', id)
		.where('sentAt', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function markEmailVerificationSent(db: Executor, id: string) {
	await db
		.updateTable('emailVerifications')
		.set({ sentAt: new Date() })
		.where('id', '=', id)
		.execute();
}

export async function lockEmailVerificationByTokenHash(db: Executor, tokenHash: string) {
	return db
		.selectFrom('emailVerifications')
		.select(['id', 'businessId', 'email', 'expiresAt', 'usedAt'])
		.where('tokenHash', '=', tokenHash)
		.forUpdate()
		.executeTakeFirst();
}

export async function markEmailVerificationUsed(db: Executor, id: string) {
	await db
		.updateTable('emailVerifications')
		.set({ usedAt: new Date() })
		.where('id', '=', id)
		.execute();
}

/** Links asked for by the business since `since`, and when the oldest of them was. */
export async function countEmailVerificationsSince(db: Executor, businessId: string, since: Date) {
	const row = await db
		.selectFrom('emailVerifications')
		.select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('createdAt').as('oldest')])
		.where('businessId', '=', businessId)
		.where('createdAt', '>', since)
		.executeTakeFirstOrThrow();
	return { count: Number(row.count), oldest: row.oldest as Date | null };
}
