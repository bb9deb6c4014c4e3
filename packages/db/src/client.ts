import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

// numeric and bigint come back as strings by default; counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Calendar dates stay 'YYYY-MM-DD': a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export function createPool(url: string, max = 10): pg.Pool {
	return new pg.Pool({ connectionString: url, max });
}

/** Builds a Kysely client. Nothing connects until the first query. */
export function createDb(urlOrPool: string | pg.Pool): Database {
	const pool = typeof urlOrPool === 'string' ? createPool(urlOrPool) : urlOrPool;
	return new Kysely<DB>({
		dialect: new PostgresDialect({ pool }),
		plugins: [new CamelCasePlugin()],
	});
}
