import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('notes')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('business_id', 'uuid', (c) =>
			c.notNull().references('businesses.id').onDelete('cascade'),
		)
		.addColumn('customer_id', 'uuid', (c) =>
			c.notNull().references('customers.id').onDelete('cascade'),
		)
		.addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		// Optimistic lock: an edit must name the version it started from.
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('edited_at', 'timestamptz')
		// Soft delete for Undo; a scheduled job removes rows for good after the grace period.
		.addColumn('deleted_at', 'timestamptz')
		.execute();
	// The tab's query: live notes of one customer, newest first, keyset on (created_at, id).
	await sql`create index notes_customer_timeline_idx on notes (business_id, customer_id, created_at desc, id desc) where deleted_at is null`.execute(
		db,
	);
	await sql`create index notes_deleted_at_idx on notes (deleted_at) where deleted_at is not null`.execute(
		db,
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('notes').execute();
}
