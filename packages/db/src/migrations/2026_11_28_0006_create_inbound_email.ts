import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	// Whether email from an unknown sender (no reply token, no thread) may create a customer.
	await db.schema
		.alterTable('businesses')
		.addColumn('accept_unknown_senders', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();

	// Inbound email held back because nothing ties it to a known customer.
	await db.schema
		.createTable('email_quarantine')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('business_id', 'uuid', (c) =>
			c.notNull().references('businesses.id').onDelete('cascade'),
		)
		.addColumn('source_id', 'text', (c) => c.notNull())
		.addColumn('sender_name', 'text')
		.addColumn('sender_email', 'text', (c) => c.notNull())
		.addColumn('subject', 'text')
		.addColumn('payload', 'jsonb', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('released_at', 'timestamptz')
		.addUniqueConstraint('email_quarantine_source_uq', ['business_id', 'source_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('email_quarantine').execute();
	await db.schema.alterTable('businesses').dropColumn('accept_unknown_senders').execute();
}
