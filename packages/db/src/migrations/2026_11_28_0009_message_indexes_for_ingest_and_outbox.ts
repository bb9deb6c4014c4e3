import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	// Every stored message paid for two indexes that start with the customer: the timeline
	// (business_id, customer_id, …) and the foreign-key index (customer_id). A customer belongs
	// to one business, so a timeline led by customer_id serves the Messages tab (business_id is
	// then a filter every row passes) and the customer delete cascade alike: one index insert
	// less per message on the ingestion path.
	await sql`create index messages_customer_timeline_idx on messages (customer_id, created_at desc, id desc)`.execute(
		db,
	);
	await sql`drop index messages_timeline_idx`.execute(db);
	await sql`drop index messages_customer_id_idx`.execute(db);
	// The outbox sweeper looks for emails still queued every 30 s; without this it read the
	// whole messages table each time (a third of a second at a million rows).
	await sql`create index messages_queued_idx on messages (created_at) where delivery_state = 'queued'`.execute(
		db,
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`create index messages_timeline_idx on messages (business_id, customer_id, created_at desc, id desc)`.execute(
		db,
	);
	await sql`create index messages_customer_id_idx on messages (customer_id)`.execute(db);
	await sql`drop index messages_customer_timeline_idx`.execute(db);
	await sql`drop index messages_queued_idx`.execute(db);
}
