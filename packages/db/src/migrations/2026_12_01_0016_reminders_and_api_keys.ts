import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
	// Reminders: off for the businesses that exist now (no customer gets a reminder the owner never
	// chose), on for those created from now on. reminders_enabled_at: steps that passed before it
	// are never sent.
	await sql`alter table businesses
		add column reminders_enabled boolean not null default false,
		add column reminders_enabled_at timestamptz(3),
		add column reminder_hour smallint not null default 9 check (reminder_hour between 0 and 23),
		add column reminder_steps jsonb not null default '[{"offsetDays":-3},{"offsetDays":0},{"offsetDays":7},{"offsetDays":14}]'`.execute(
		db,
	);
	await sql`alter table businesses alter column reminders_enabled set default true,
		alter column reminders_enabled_at set default now()`.execute(db);
	await sql`alter table invoices add column reminders_paused_at timestamptz(3)`.execute(db);

	// A reminder step is claimed once per invoice by its outbox row: a crash, a retry, two workers
	// or a manual nudge never send the same step twice.
	await sql`alter table messages add column reminder_offset integer`.execute(db);
	await sql`create unique index messages_reminder_step_uq on messages (invoice_id, reminder_offset) where kind = 'reminder' and reminder_offset is not null`.execute(
		db,
	);
	// A reminder whose invoice was paid or voided while it waited is cancelled, not sent.
	await sql`alter table messages drop constraint messages_delivery_state_check`.execute(db);
	await sql`alter table messages add constraint messages_delivery_state_check check (delivery_state in ('queued', 'sending', 'accepted', 'sent', 'failed', 'uncertain', 'cancelled'))`.execute(
		db,
	);

	// Keys of the automated messages API: only a SHA-256 of the key is stored.
	await sql`create table api_keys (
		id uuid primary key default gen_random_uuid(),
		business_id uuid not null references businesses(id) on delete cascade,
		name text not null,
		token_hash text not null unique,
		-- The first characters of the key, to tell keys apart in Settings.
		token_prefix text not null,
		created_by text references users(id) on delete set null,
		created_at timestamptz(3) not null default now(),
		last_used_at timestamptz(3),
		revoked_at timestamptz(3)
	)`.execute(db);
	await sql`create index api_keys_business_idx on api_keys (business_id, created_at desc)`.execute(
		db,
	);
	await sql`alter table messages add column api_key_id uuid references api_keys(id) on delete set null`.execute(
		db,
	);
	await sql`create index messages_api_key_idx on messages (api_key_id) where api_key_id is not null`.execute(
		db,
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table messages drop column api_key_id`.execute(db);
	await sql`drop table api_keys`.execute(db);
	await sql`update messages set delivery_state = 'failed' where delivery_state = 'cancelled'`.execute(
		db,
	);
	await sql`alter table messages drop constraint messages_delivery_state_check`.execute(db);
	await sql`alter table messages add constraint messages_delivery_state_check check (delivery_state in ('queued', 'sending', 'accepted', 'sent', 'failed', 'uncertain'))`.execute(
		db,
	);
	await sql`drop index messages_reminder_step_uq`.execute(db);
	await sql`alter table messages drop column reminder_offset`.execute(db);
	await sql`alter table invoices drop column reminders_paused_at`.execute(db);
	await sql`alter table businesses drop column reminders_enabled, drop column reminders_enabled_at,
		drop column reminder_hour, drop column reminder_steps`.execute(db);
}
