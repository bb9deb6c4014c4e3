import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.
//
// The Invoices overview's number search is a case-insensitive substring ("0042" finds
// INV-0042). Without an index it reads every invoice of the business, worst when nothing
// matches. A pg_trgm GIN index answers substrings of three characters or more; where the server
// refused pg_trgm (see 0019) the search keeps working as before, only slower at scale.
export async function up(db: Kysely<any>): Promise<void> {
	const { rows } = await sql<{ installed: boolean }>`
		select exists (select 1 from pg_extension where extname = 'pg_trgm') as installed`.execute(db);
	if (!rows[0]?.installed) return;
	await sql`create index if not exists invoices_number_trgm_idx
		on invoices using gin (number gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index if exists invoices_number_trgm_idx`.execute(db);
}
