import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, expect, it, vi } from 'vitest';
import { createDb, createPool } from './client.ts';
import { testDatabaseUrl } from './testing/index.ts';

// What a PostgreSQL restart does to a pool: its server processes die under idle and
// checked-out clients alike. Here they are terminated from another connection.
const admin = new pg.Client({ connectionString: testDatabaseUrl() });
afterAll(() => admin.end());

it('survives its connections being killed and the next query succeeds', async () => {
	const name = `pool-test-${randomUUID().slice(0, 8)}`;
	const url = new URL(testDatabaseUrl());
	url.searchParams.set('application_name', name);
	const lines: string[] = [];
	const log = {
		warn: (_: object, msg: string) => lines.push(msg),
		info: (_: object, msg: string) => lines.push(msg),
	};
	const pool = createPool(url.href, { max: 4, log });
	const db = createDb(pool);
	try {
		// Idle clients in the pool and one checked out, as inside a transaction.
		await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(db)));
		const held = await pool.connect();
		// The held client learns of its end from its own socket, maybe after the idle ones.
		const heldEnded = new Promise((resolve) => held.once('end', resolve));
		await admin.connect();
		await admin.query(
			'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
			[name],
		);
		// pg drops each broken idle client as its socket reports the end.
		await vi.waitUntil(() => pool.idleCount === 0 && lines.includes('database connection lost'));
		await heldEnded;
		held.release();

		const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
		expect(rows).toEqual([{ one: 1 }]);
		// Once per outage, not once per connection.
		expect(lines).toEqual(['database connection lost', 'database back']);
	} finally {
		await db.destroy();
	}
});
