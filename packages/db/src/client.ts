import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

// numeric and bigint come back as strings by default; counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Calendar dates stay 'YYYY-MM-DD': a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** What the pool reports its outages to (a pino logger fits). */
export interface ConnectionLog {
	warn(obj: object, msg: string): void;
	info(obj: object, msg: string): void;
}

export interface PoolOptions {
	/** Connections at most; each costs memory here and a backend process on the server. */
	max?: number;
	log?: ConnectionLog;
}

// Without a log, one JSON line on stderr: the same shape as the apps' pino lines.
const stderrLog: ConnectionLog = {
	warn: (obj, msg) => console.error(JSON.stringify({ level: 40, time: Date.now(), ...obj, msg })),
	info: (obj, msg) => console.error(JSON.stringify({ level: 30, time: Date.now(), ...obj, msg })),
};

/**
 * A pool that outlives its server. When PostgreSQL restarts, every connection gets an `error`
 * event; pg emits it on the pool (idle clients) or on the client (checked out, between queries),
 * and an `error` event without a listener kills the process. The broken clients are dropped by
 * pg; the next query opens a new one. The outage is logged once, and its end once.
 */
export function createPool(url: string, { max = 10, log = stderrLog }: PoolOptions = {}): pg.Pool {
	// A bounded wait for a connection: a query fails (a clear 5xx, /healthz 503) instead of
	// hanging while the server is unreachable.
	const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
	let down = false;
	const lost = (err: Error) => {
		if (down) return;
		down = true;
		log.warn({ err: err.message }, 'database connection lost');
	};
	pool.on('error', lost);
	pool.on('connect', (client) => {
		client.on('error', lost);
		if (down) {
			down = false;
			log.info({}, 'database back');
		}
	});
	return pool;
}

/** Builds a Kysely client. Nothing connects until the first query. */
export function createDb(urlOrPool: string | pg.Pool, options?: PoolOptions): Database {
	const pool = typeof urlOrPool === 'string' ? createPool(urlOrPool, options) : urlOrPool;
	return new Kysely<DB>({
		dialect: new PostgresDialect({ pool }),
		plugins: [new CamelCasePlugin()],
	});
}
