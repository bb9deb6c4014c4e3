import { type RawBuilder, sql } from 'kysely';

/** A position in a list ordered by (time desc, id desc): the last row of the previous page. */
export interface TimeCursor {
	at: Date | string;
	id: string;
}

/** Rows strictly after the cursor in (time desc, id desc) order; uses the (…, time, id) index. */
export function beforeCursor(
	timeColumn: string,
	idColumn: string,
	cursor: TimeCursor,
): RawBuilder<boolean> {
	return sql<boolean>`(${sql.ref(timeColumn)}, ${sql.ref(idColumn)}) < (${new Date(cursor.at)}, ${cursor.id}::uuid)`;
}

/**
 * Queries fetch `limit + 1` rows; the extra one only says whether another page exists. Returns
 * the page and the cursor of its last row (null on the last page).
 */
export function keysetPage<T, C>(rows: T[], limit: number, cursorOf: (last: T) => C) {
	const items = rows.slice(0, limit);
	const last = items.at(-1);
	return { items, cursor: rows.length > limit && last ? cursorOf(last) : null };
}
