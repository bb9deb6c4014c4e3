import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	// Mail that is not a reply routes only by an address the business provably owns: an issued
	// inbound address (<slug>-<random>@INBOUND_EMAIL_DOMAIN; only the local part is stored, so
	// changing the domain keeps every address) or a business email verified by a link.
	await db.schema
		.alterTable('businesses')
		.addColumn('inbound_local_part', 'text')
		.addColumn('email_verified_at', 'timestamptz')
		.execute();
	// Existing businesses get an address now. The slug keeps [a-z0-9-] only (never a '+', so it
	// can never read as reply+<token>); the random part makes it unguessable and unique.
	await sql`
		update businesses set inbound_local_part =
			coalesce(nullif(left(trim(both '-' from regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')), 24), ''), 'mail')
			|| '-' || left(replace(gen_random_uuid()::text, '-', ''), 10)
	`.execute(db);
	await db.schema
		.alterTable('businesses')
		.alterColumn('inbound_local_part', (c) => c.setNotNull())
		.execute();
	// Rows inserted without one (older code, raw inserts in scripts) still get an address.
	await sql`alter table businesses alter column inbound_local_part set default ('mail-' || left(replace(gen_random_uuid()::text, '-', ''), 10))`.execute(
		db,
	);
	await db.schema
		.alterTable('businesses')
		.addUniqueConstraint('businesses_inbound_local_part_uq', ['inbound_local_part'])
		.execute();
	// Partial: databases where two businesses typed the same email migrate fine (neither is
	// verified yet); from now on only one of them can verify it.
	await sql`create unique index businesses_verified_email_uq on businesses (lower(email)) where email_verified_at is not null`.execute(
		db,
	);

	// A link sent to the business email. Only the token's SHA-256 is kept; the worker draws the
	// token when it sends the email, so it exists nowhere but in that email.
	await db.schema
		.createTable('email_verifications')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('business_id', 'uuid', (c) =>
			c.notNull().references('businesses.id').onDelete('cascade'),
		)
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.unique())
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('sent_at', 'timestamptz')
		.addColumn('used_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await sql`create index email_verifications_business_idx on email_verifications (business_id, created_at desc)`.execute(
		db,
	);

	// Held mail says why it is held; mail the parser could not read is kept raw (capped) and
	// may have no sender or parsed payload at all.
	await db.schema
		.alterTable('email_quarantine')
		.addColumn('reason', 'text', (c) => c.notNull().defaultTo('unknown-sender'))
		.addColumn('reason_detail', 'text')
		.addColumn('raw', 'bytea')
		.alterColumn('sender_email', (c) => c.dropNotNull())
		.alterColumn('payload', (c) => c.dropNotNull())
		.execute();

	// Mail that routes to no business (or to an address no business has verified yet): kept,
	// logged, and moved to the business that verifies the address; purged after 30 days.
	await db.schema
		.createTable('inbound_unroutable')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('source_id', 'text', (c) => c.notNull().unique())
		.addColumn('recipients', sql`text[]`, (c) => c.notNull())
		.addColumn('sender_name', 'text')
		.addColumn('sender_email', 'text')
		.addColumn('subject', 'text')
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('reason_detail', 'text')
		.addColumn('payload', 'jsonb')
		.addColumn('raw', 'bytea')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await sql`create index inbound_unroutable_recipients_idx on inbound_unroutable using gin (recipients)`.execute(
		db,
	);
	await sql`create index inbound_unroutable_created_idx on inbound_unroutable (created_at)`.execute(
		db,
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('inbound_unroutable').execute();
	await db.deleteFrom('email_quarantine').where('sender_email', 'is', null).execute();
	await db.deleteFrom('email_quarantine').where('payload', 'is', null).execute();
	await db.schema
		.alterTable('email_quarantine')
		.dropColumn('reason')
		.dropColumn('reason_detail')
		.dropColumn('raw')
		.alterColumn('sender_email', (c) => c.setNotNull())
		.alterColumn('payload', (c) => c.setNotNull())
		.execute();
	await db.schema.dropTable('email_verifications').execute();
	await sql`drop index businesses_verified_email_uq`.execute(db);
	await db.schema
		.alterTable('businesses')
		.dropConstraint('businesses_inbound_local_part_uq')
		.execute();
	await db.schema
		.alterTable('businesses')
		.dropColumn('inbound_local_part')
		.dropColumn('email_verified_at')
		.execute();
}
