import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../testing/index.ts';
import { migrations } from './index.ts';

// A database of its own, stopped just before this migration, with rows the old code could write.
const name = `rapport_m0010_${randomUUID().slice(0, 8)}`;
const server = new URL(testDatabaseUrl());
const admin = new pg.Client({ connectionString: server.toString() });
let db: Kysely<any>;

beforeAll(async () => {
	await admin.connect();
	await admin.query(`create database ${name}`);
	const url = new URL(server);
	url.pathname = `/${name}`;
	const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
	// `drop database … with (force)` below may end a connection pg has not finished closing.
	pool.on('error', () => {});
	db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
});

afterAll(async () => {
	await db?.destroy();
	await admin.query(`drop database if exists ${name} with (force)`);
	await admin.end();
});

const migrator = () => new Migrator({ db, provider: { getMigrations: async () => migrations } });

describe('migration 0010: inbound addresses and held mail', () => {
	it('migrates businesses sharing one email and existing held mail', async () => {
		const before = await migrator().migrateTo(
			'2026_11_28_0009_message_indexes_for_ingest_and_outbox',
		);
		expect(before.error).toBeUndefined();
		const rows = await db
			.insertInto('businesses')
			.values([
				{ name: 'Bloom & Co.', email: 'shop@bloom.test', form_key: 'k1' },
				{ name: 'Mallory', email: 'SHOP@bloom.test', form_key: 'k2' },
				{ name: '!!!', email: null, form_key: 'k3' },
			])
			.returning('id')
			.execute();
		await db
			.insertInto('email_quarantine')
			.values({
				business_id: rows[0]!.id,
				source_id: 'email-1',
				sender_email: 'x@example.test',
				payload: JSON.stringify({ body: 'hi' }),
			})
			.execute();

		const result = await migrator().migrateTo('2026_12_01_0010_inbound_addresses_and_held_mail');
		expect(result.error).toBeUndefined();

		const businesses = await db
			.selectFrom('businesses')
			.select(['name', 'inbound_local_part', 'email_verified_at'])
			.orderBy('form_key')
			.execute();
		expect(businesses.map((b) => b.email_verified_at)).toEqual([null, null, null]);
		expect(businesses[0]!.inbound_local_part).toMatch(/^bloom-co-[0-9a-f]{10}$/);
		expect(businesses[2]!.inbound_local_part).toMatch(/^mail-[0-9a-f]{10}$/);
		const held = await db.selectFrom('email_quarantine').select(['reason', 'raw']).execute();
		expect(held).toEqual([{ reason: 'unknown-sender', raw: null }]);

		// From now on, one of them may verify the address; the other cannot.
		await db
			.updateTable('businesses')
			.set({ email_verified_at: new Date() })
			.where('id', '=', rows[0]!.id)
			.execute();
		await expect(
			db
				.updateTable('businesses')
				.set({ email_verified_at: new Date() })
				.where('id', '=', rows[1]!.id)
				.execute(),
		).rejects.toMatchObject({ code: '23505', constraint: 'businesses_verified_email_uq' });
		// A business inserted without an address still gets one.
		const { inbound_local_part } = await db
			.insertInto('businesses')
			.values({ name: 'Raw', form_key: 'k4' })
			.returning('inbound_local_part')
			.executeTakeFirstOrThrow();
		expect(inbound_local_part).toMatch(/^mail-/);

		const down = await migrator().migrateTo(
			'2026_11_28_0009_message_indexes_for_ingest_and_outbox',
		);
		expect(down.error).toBeUndefined();
		const columns = await sql<{ column_name: string }>`
			select column_name from information_schema.columns where table_name = 'businesses'`.execute(
			db,
		);
		expect(columns.rows.map((c) => c.column_name)).not.toContain('inbound_local_part');
	});
});
