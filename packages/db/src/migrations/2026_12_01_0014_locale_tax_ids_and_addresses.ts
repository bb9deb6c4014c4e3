import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
	// Existing businesses keep what they were implicitly using: English, en-US, UTC.
	await sql`alter table businesses
		add column language text not null default 'en',
		add column locale text not null default 'en-US',
		add column time_zone text not null default 'UTC',
		add column tax_id text,
		add column invoice_email_subject text,
		add column invoice_email_message text`.execute(db);
	await sql`alter table businesses add constraint businesses_language_check check (language in ('en', 'fr', 'de', 'es'))`.execute(
		db,
	);
	await sql`alter table customers add column address text, add column tax_id text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table customers drop column address, drop column tax_id`.execute(db);
	await sql`alter table businesses
		drop column language, drop column locale, drop column time_zone, drop column tax_id,
		drop column invoice_email_subject, drop column invoice_email_message`.execute(db);
}
