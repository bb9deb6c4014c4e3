import { type SelectQueryBuilder, sql } from 'kysely';

/** `'notes.createdAt'` → `'createdAt'`: the key a selected column has in the result row. */
type Column<R extends string> = R extends `${string}.${infer C}` ? C : R;

/**
 * A position in a list ordered by (time desc, id desc): the last row of the previous page,
 * keyed by the time column's name (`{ createdAt, id }`, `{ lastActivityAt, id }`).
 */
export type TimeCursor<T extends string> = { [K in Column<T>]: string } & { id: string };

/**
 * One page of `query`, newest first. Pages on the row comparison `(time, id) < (cursor)`, which
 * PostgreSQL answers from a `(…, time desc, id desc)` index, so page 10,000 costs what page 1
 * does. Fetches `limit + 1` rows: the extra one only says whether another page exists.
 * `time` and `id` are column references as in `select` (`'createdAt'` or `'notes.createdAt'`).
 */
export async function pageByTimeDesc<
	DB,
	TB extends keyof DB,
	O extends { [K in Column<T>]: Date } & { [K in Column<I>]: string },
	T extends string,
	I extends string = 'id',
>(
	query: SelectQueryBuilder<DB, TB, O>,
	opts: { time: T; id?: I; cursor?: TimeCursor<T> | null; limit: number },
): Promise<{ items: O[]; nextCursor: TimeCursor<T> | null }> {
	const id = opts.id ?? 'id';
	const timeKey = lastSegment(opts.time) as Column<T>;
	const idKey = lastSegment(id) as Column<I>;
	let paged = query
		.orderBy(sql.ref(opts.time), 'desc')
		.orderBy(sql.ref(id), 'desc')
		.limit(opts.limit + 1);
	if (opts.cursor) {
		const at = new Date(opts.cursor[timeKey]);
		paged = paged.where(
			sql<boolean>`(${sql.ref(opts.time)}, ${sql.ref(id)}) < (${at}, ${opts.cursor.id}::uuid)`,
		);
	}
	const rows = await paged.execute();
	const items = rows.slice(0, opts.limit);
	const last = items.at(-1);
	const nextCursor =
		rows.length > opts.limit && last
			? ({ [timeKey]: last[timeKey].toISOString(), id: last[idKey] } as TimeCursor<T>)
			: null;
	return { items, nextCursor };
}

function lastSegment(reference: string) {
	return reference.slice(reference.lastIndexOf('.') + 1);
}
