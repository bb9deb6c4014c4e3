import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** Query functions take either the client or an open transaction, so they compose. */
export type Executor = Kysely<DB> | Transaction<DB>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs; a malformed one simply matches nothing instead of raising a SQL error. */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/** True when `error` is PostgreSQL's unique violation, optionally on a given constraint/index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const e = error as { code?: string; constraint?: string };
	return e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** True when `error` is PostgreSQL's foreign-key violation (the referenced row is gone). */
export function isForeignKeyViolation(error: unknown): boolean {
	return (
		typeof error === 'object' && error !== null && (error as { code?: string }).code === '23503'
	);
}
