import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
	// Contact-form submissions held back by the spam checks. They create no customer and no
	// message until someone releases them ("Not spam"), which queues them for normal ingestion.
	await db.schema
		.createTable('form_quarantine')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('business_id', 'uuid', (c) =>
			c.notNull().references('businesses.id').onDelete('cascade'),
		)
		// The submission id the endpoint answered with; a retried job quarantines it once.
		.addColumn('submission_id', 'text', (c) => c.notNull())
		.addColumn('payload', 'jsonb', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('released_at', 'timestamptz')
		.addUniqueConstraint('form_quarantine_submission_uq', ['business_id', 'submission_id'])
		.execute();
	// Settings lists what is still held, newest first, keyset on (created_at, id).
	await sql`create index form_quarantine_pending_idx on form_quarantine (business_id, created_at desc, id desc) where released_at is null`.execute(
		db,
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('form_quarantine').execute();
}
