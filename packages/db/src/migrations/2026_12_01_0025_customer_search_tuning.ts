import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.
//
// When more than a few hundred other addresses start with a search ("webe": a thousand
// "weber.…" work emails), customer search finds the newest of those customers by walking the
// activity index and testing each row's copy of its other addresses (0023). Most customers have
// none: this index lists only those that do, in the same order, so the walk skips the rest (in
// the search bench, 515 rows read instead of 2,679). It costs nothing for the others, and the
// planner uses it because `other_emails like …` implies `other_emails is not null`.
//
// Built inside the migration's transaction like 0019 and 0023 (writes to customers wait for
// the build); on a large live table build it CONCURRENTLY by hand first under the same name.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`create index if not exists customers_business_other_activity_idx
		on customers (business_id, last_activity_at desc, id desc)
		where other_emails is not null or other_phones is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop index if exists customers_business_other_activity_idx`.execute(db);
}
