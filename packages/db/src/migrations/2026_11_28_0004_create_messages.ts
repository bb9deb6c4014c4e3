import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	// One token per customer conversation, carried in Reply-To as reply+<token>@domain.
	await db.schema
		.alterTable('customers')
		.addColumn('reply_token', 'text', (c) =>
			c.notNull().unique().defaultTo(sql`replace(gen_random_uuid()::text, '-', '')`),
		)
		.execute();

	await db.schema
		.createTable('messages')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('business_id', 'uuid', (c) =>
			c.notNull().references('businesses.id').onDelete('cascade'),
		)
		.addColumn('customer_id', 'uuid', (c) =>
			c.notNull().references('customers.id').onDelete('cascade'),
		)
		.addColumn('direction', 'text', (c) =>
			c.notNull().check(sql`direction in ('inbound', 'outbound')`),
		)
		.addColumn('channel', 'text', (c) =>
			c.notNull().check(sql`channel in ('form', 'email', 'system')`),
		)
		.addColumn('subject', 'text')
		// What the tab shows (quoted history stripped for inbound email) and the full original.
		.addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('body_full', 'text')
		.addColumn('fields', 'jsonb')
		.addColumn('attachments', 'jsonb')
		.addColumn('sender_name', 'text')
		.addColumn('sender_email', 'text')
		.addColumn('recipient', 'text')
		// Outbound email state machine: queued → sending → accepted → sent, or failed.
		.addColumn('delivery_state', 'text', (c) =>
			c.check(sql`delivery_state in ('queued', 'sending', 'accepted', 'sent', 'failed')`),
		)
		.addColumn('delivery_error', 'text')
		.addColumn('delivery_attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('smtp_response', 'text')
		.addColumn('rfc_message_id', 'text')
		.addColumn('in_reply_to', 'text')
		.addColumn('invoice_id', 'uuid', (c) => c.references('invoices.id').onDelete('set null'))
		// Idempotency of ingestion: one row per form submission / inbound email, however often retried.
		.addColumn('source_id', 'text')
		.addColumn('read_at', 'timestamptz')
		.addColumn('sent_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	// The tab: one customer's messages, newest page first, keyset on (created_at, id).
	await sql`create index messages_timeline_idx on messages (business_id, customer_id, created_at desc, id desc)`.execute(
		db,
	);
	await sql`create index messages_unread_idx on messages (business_id, customer_id) where direction = 'inbound' and read_at is null`.execute(
		db,
	);
	await sql`create unique index messages_source_uq on messages (business_id, source_id) where source_id is not null`.execute(
		db,
	);
	await sql`create index messages_rfc_id_idx on messages (rfc_message_id) where rfc_message_id is not null`.execute(
		db,
	);
	await sql`create index messages_failed_idx on messages (business_id, created_at desc) where delivery_state = 'failed'`.execute(
		db,
	);
	// Never two live sends of one invoice, whatever clicks or tabs race.
	await sql`create unique index messages_invoice_active_send_uq on messages (invoice_id) where invoice_id is not null and delivery_state in ('queued', 'sending', 'accepted')`.execute(
		db,
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('messages').execute();
	await db.schema.alterTable('customers').dropColumn('reply_token').execute();
}
