import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	// What is left of a customer merged into another: its row is gone (everything it had moved),
	// but its id (old links) and reply token (old email threads) still lead to the survivor.
	// A later merge of the survivor re-points these rows, so one hop always reaches a customer.
	await sql`create table customer_merges (
		id uuid primary key default gen_random_uuid(),
		business_id uuid not null references businesses(id) on delete cascade,
		merged_id uuid not null,
		survivor_id uuid not null references customers(id) on delete cascade,
		merged_name text not null,
		merged_email text,
		reply_token text not null,
		moved jsonb not null,
		merged_by text references users(id) on delete set null,
		merged_at timestamptz not null default now()
	)`.execute(db);
	await sql`create unique index customer_merges_merged_uq on customer_merges (business_id, merged_id)`.execute(
		db,
	);
	await sql`create unique index customer_merges_reply_token_uq on customer_merges (reply_token)`.execute(
		db,
	);
	await sql`create index customer_merges_survivor_idx on customer_merges (survivor_id)`.execute(db);

	// The merge shows on the survivor's Messages tab as a system event.
	await sql`alter table messages drop constraint messages_kind_check`.execute(db);
	await sql`alter table messages add constraint messages_kind_check check (kind in ('invoice', 'reminder', 'receipt', 'reply', 'automated', 'payment', 'merge'))`.execute(
		db,
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`delete from messages where kind = 'merge'`.execute(db);
	await sql`alter table messages drop constraint messages_kind_check`.execute(db);
	await sql`alter table messages add constraint messages_kind_check check (kind in ('invoice', 'reminder', 'receipt', 'reply', 'automated', 'payment'))`.execute(
		db,
	);
	await sql`drop table customer_merges`.execute(db);
}
