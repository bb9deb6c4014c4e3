import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
	// Jobs that failed for good (attempts used up, unrecoverable, stalled too often). BullMQ's own
	// failed list is trimmed, so what the owner must see and may retry is kept here.
	await db.schema
		.createTable('failed_jobs')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		// null for jobs that name no business (an inbound email not yet routed): operators only.
		.addColumn('business_id', 'uuid', (c) => c.references('businesses.id').onDelete('cascade'))
		// queue + BullMQ job id + business: a failure recorded twice (the worker died between
		// recording and BullMQ's bookkeeping, then failed again) stays one row.
		.addColumn('job_key', 'text', (c) => c.notNull().unique())
		.addColumn('queue', 'text', (c) => c.notNull())
		.addColumn('job_name', 'text', (c) => c.notNull())
		.addColumn('job_id', 'text', (c) => c.notNull())
		// The payload to re-enqueue: for a group job, only this business's part of it.
		.addColumn('payload', 'jsonb', (c) => c.notNull())
		.addColumn('kind', 'text', (c) =>
			c.notNull().check(sql`kind in ('attempts', 'unrecoverable', 'stalled')`),
		)
		// The raw error, for operators; the owner is shown plain words derived from `kind`.
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull())
		.addColumn('failed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await sql`create index failed_jobs_business_idx on failed_jobs (business_id, failed_at desc, id desc)`.execute(
		db,
	);

	// 'uncertain': the worker stopped mid-conversation with the mail server, so the customer may
	// already have the email. Never re-queued on its own; the owner decides.
	await sql`alter table messages drop constraint messages_delivery_state_check`.execute(db);
	await sql`alter table messages add constraint messages_delivery_state_check check (delivery_state in ('queued', 'sending', 'accepted', 'sent', 'failed', 'uncertain'))`.execute(
		db,
	);
	// When a send claimed the row: the sweep finds sends whose worker vanished long ago.
	await sql`alter table messages add column delivery_claimed_at timestamptz`.execute(db);
	await sql`update messages set delivery_claimed_at = created_at where delivery_state in ('sending', 'accepted')`.execute(
		db,
	);
	await sql`create index messages_in_flight_idx on messages (delivery_claimed_at) where delivery_state in ('sending', 'accepted')`.execute(
		db,
	);
	// The Deliveries page lists both states that need the owner.
	await sql`create index messages_undelivered_idx on messages (business_id, created_at desc) where delivery_state in ('failed', 'uncertain')`.execute(
		db,
	);
	await sql`drop index messages_failed_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`create index messages_failed_idx on messages (business_id, created_at desc) where delivery_state = 'failed'`.execute(
		db,
	);
	await sql`drop index messages_undelivered_idx`.execute(db);
	await sql`drop index messages_in_flight_idx`.execute(db);
	await sql`alter table messages drop column delivery_claimed_at`.execute(db);
	await sql`update messages set delivery_state = 'failed' where delivery_state = 'uncertain'`.execute(
		db,
	);
	await sql`alter table messages drop constraint messages_delivery_state_check`.execute(db);
	await sql`alter table messages add constraint messages_delivery_state_check check (delivery_state in ('queued', 'sending', 'accepted', 'sent', 'failed'))`.execute(
		db,
	);
	await db.schema.dropTable('failed_jobs').execute();
}
