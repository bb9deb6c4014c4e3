import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.
//
// Customer search (listCustomers) matches name, email and the phone's digits. Prefix matches
// (every one- and two-character search, and the "exact or starts with" tier of longer ones) walk
// btree text_pattern_ops indexes, which need no extension. Substrings of three characters or
// more use pg_trgm GIN indexes when the server lets us install the extension; without it the
// search still works, as a filtered walk of the activity index.
//
// The migrator runs each migration in a transaction, where CREATE INDEX CONCURRENTLY is not
// allowed: these indexes are built with a lock that blocks writes to customers for the build
// (about a second per 100,000 customers). On a large live table, build them CONCURRENTLY by hand
// under the same names first; `if not exists` then skips them here.

const PHONE_DIGITS = sql`regexp_replace(phone, '\\D', '', 'g')`;

export async function up(db: Kysely<any>): Promise<void> {
	// pg_trgm is a trusted extension (PostgreSQL 13+): a role with CREATE on the database may
	// install it. A PL/pgSQL exception block is a subtransaction, so a refusal leaves the
	// migration's own transaction usable.
	await sql`do $$
		begin
			create extension if not exists pg_trgm;
		exception when insufficient_privilege or feature_not_supported or undefined_file then
			raise warning 'rapport: pg_trgm could not be installed (%); customer search falls back to plain indexes. See packages/db/README.md.', sqlerrm;
		end
	$$`.execute(db);

	await sql`create index if not exists customers_business_name_prefix_idx
		on customers (business_id, lower(name) text_pattern_ops)`.execute(db);
	await sql`create index if not exists customers_business_email_prefix_idx
		on customers (business_id, lower(email) text_pattern_ops) `.execute(db);
	await sql`create index if not exists customers_business_phone_prefix_idx
		on customers (business_id, (${PHONE_DIGITS}) text_pattern_ops) `.execute(db);

	// None of them is partial: the planner reads an index expression's statistics only from a
	// full index, and without them it guesses 0.5 % of rows match, walks the activity index
	// instead and filters every customer.

	const { rows } = await sql<{ installed: boolean }>`
		select exists (select 1 from pg_extension where extname = 'pg_trgm') as installed`.execute(db);
	if (!rows[0]?.installed) return;
	// The operator class is schema-qualified by search_path; pg_trgm lands in the default schema.
	await sql`create index if not exists customers_name_trgm_idx
		on customers using gin (name gin_trgm_ops)`.execute(db);
	await sql`create index if not exists customers_email_trgm_idx
		on customers using gin (email gin_trgm_ops) `.execute(db);
	await sql`create index if not exists customers_phone_digits_trgm_idx
		on customers using gin ((${PHONE_DIGITS}) gin_trgm_ops) `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const index of [
		'customers_phone_digits_trgm_idx',
		'customers_email_trgm_idx',
		'customers_name_trgm_idx',
		'customers_business_phone_prefix_idx',
		'customers_business_email_prefix_idx',
		'customers_business_name_prefix_idx',
	]) {
		await sql`drop index if exists ${sql.id(index)}`.execute(db);
	}
	// The extension stays: other objects may have come to use it, and dropping it needs rights
	// the app's role may not have.
}
