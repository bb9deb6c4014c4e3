import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import { type Executor, isUuid } from '../executor.ts';
import type { ApiKeysTable } from '../schema.ts';

/** What Settings lists of a key: never its hash. */
const listed = ['id', 'name', 'tokenPrefix', 'createdAt', 'lastUsedAt', 'revokedAt'] as const;

export type NewApiKey = Pick<
	Insertable<ApiKeysTable>,
	'name' | 'tokenHash' | 'tokenPrefix' | 'createdBy'
>;

export async function insertApiKey(db: Executor, businessId: string, values: NewApiKey) {
	return db
		.insertInto('apiKeys')
		.values({ ...values, businessId })
		.returning(listed)
		.executeTakeFirstOrThrow();
}

/** Active keys first, newest first within each group; revoked ones stay listed (they explain history). */
export async function listApiKeys(db: Executor, businessId: string) {
	return db
		.selectFrom('apiKeys')
		.select(listed)
		.where('businessId', '=', businessId)
		.orderBy(sql`revoked_at is not null`)
		.orderBy('createdAt', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/**
 * Sets revoked_at once: revoking an already revoked key keeps its first time. Undefined when
 * the key is not this business's. Its row lock waits for posts that hold the key FOR SHARE
 * (lockActiveApiKey), so no post commits after the revocation did.
 */
export async function revokeApiKey(db: Executor, businessId: string, id: string) {
	if (!isUuid(id)) return undefined;
	return db
		.updateTable('apiKeys')
		.set({ revokedAt: sql`coalesce(revoked_at, now())` })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.returning(listed)
		.executeTakeFirst();
}

/** The unrevoked key with this SHA-256, whichever business it belongs to (it says which). */
export async function findActiveApiKeyByHash(db: Executor, tokenHash: string) {
	return db
		.selectFrom('apiKeys')
		.select(['id', 'businessId', 'name', 'lastUsedAt'])
		.where('tokenHash', '=', tokenHash)
		.where('revokedAt', 'is', null)
		.executeTakeFirst();
}

/**
 * Inside a transaction: the key, locked FOR SHARE, if it is still unrevoked. A revocation
 * committed before this returns it as revoked (undefined); one that starts after waits for the
 * transaction to end.
 */
export async function lockActiveApiKey(db: Executor, businessId: string, id: string) {
	const row = await db
		.selectFrom('apiKeys')
		.select(['id', 'name', 'revokedAt'])
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.forShare()
		.executeTakeFirst();
	return row && row.revokedAt === null ? row : undefined;
}

/**
 * Records a use, at most once a minute per key: a busy integration would otherwise write the
 * row on every request (and queue behind the posts that hold it FOR SHARE).
 */
export async function touchApiKey(db: Executor, id: string, at = new Date()) {
	await db
		.updateTable('apiKeys')
		.set({ lastUsedAt: at })
		.where('id', '=', id)
		.where((eb) =>
			eb.or([eb('lastUsedAt', 'is', null), eb('lastUsedAt', '<', new Date(at.getTime() - 60_000))]),
		)
		.execute();
}
