import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.
//
// Customer search matches every email and phone of a customer, not only the primary ones. It
// stays a search of customers' own row: the other addresses are copied into
// customers.other_emails / other_phones (null for most customers), trigram-indexed like name
// and email in 0019. Searching customer_emails instead would cost an index lookup per customer
// whenever a search matches many ("m": the activity index walked, each row tested), and the
// planner, judging other addresses by the statistics of all of them (mostly primaries), chose
// that walk for searches that match none and visited every customer.
//
// Triggers keep the copies: is_primary marks the rows that mirror customers.email / phone (0020's
// insert of new customers writes it directly; a row trigger computes it for any other insert,
// and when a row moves to another customer or changes address: a merge, a primary swap), and
// a change to any other row rewrites its customer's copy. The batched form upsert, which only
// writes primaries, calls no function per row.
//
// Like 0019, the indexes are built inside the migration's transaction (writes to customers wait
// for the build); on a large live table build them CONCURRENTLY by hand first under the same
// names. Without pg_trgm (see 0019) they are skipped: search then filters the copies while
// walking the activity index.

// What search compares (queries/customer-search.ts writes them character for character).
const OTHER_EMAIL = sql`case when is_primary then null else lower(email) end`;
const OTHER_PHONE = sql`case when is_primary then null else phone_digits end`;

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table customer_emails add column is_primary boolean not null default false`.execute(
		db,
	);
	await sql`alter table customer_phones add column is_primary boolean not null default false`.execute(
		db,
	);
	await sql`update customer_emails e set is_primary = true from customers c
		where c.id = e.customer_id and lower(c.email) = lower(e.email)`.execute(db);
	await sql`update customer_phones p set is_primary = true from customers c
		where c.id = p.customer_id and regexp_replace(c.phone, '\\D', '', 'g') = p.phone_digits`.execute(
		db,
	);

	// 0020's function, now marking the rows it writes as the primaries they are.
	await sql`create or replace function customer_addresses_of_new_customers() returns trigger
		language plpgsql as $$
		begin
			insert into customer_emails (business_id, customer_id, email, is_primary)
				select business_id, id, email, true from new_customers where email is not null;
			insert into customer_phones (business_id, customer_id, phone, is_primary)
				select business_id, id, phone, true from new_customers where phone is not null;
			return null;
		end
	$$`.execute(db);

	// Each call plans its statements afresh: a session's cached plan, made while the tables were
	// small (a new database, a test run), kept scanning customers in full once they were not.
	// BEFORE triggers see no generated column yet: the phone's digits are computed here too.
	await sql`create function customer_email_is_primary() returns trigger
		language plpgsql set plan_cache_mode = force_custom_plan as $$
		begin
			new.is_primary := exists (select 1 from customers c
				where c.id = new.customer_id and lower(c.email) = lower(new.email));
			return new;
		end
	$$`.execute(db);
	await sql`create function customer_phone_is_primary() returns trigger
		language plpgsql set plan_cache_mode = force_custom_plan as $$
		begin
			new.is_primary := exists (select 1 from customers c
				where c.id = new.customer_id
					and regexp_replace(c.phone, '\\D', '', 'g') = regexp_replace(new.phone, '\\D', '', 'g'));
			return new;
		end
	$$`.execute(db);
	for (const [table, fn, address] of [
		['customer_emails', 'customer_email_is_primary', 'email'],
		['customer_phones', 'customer_phone_is_primary', 'phone'],
	] as const) {
		// Rows already marked primary come from the function above: nothing to check.
		await sql`create trigger ${sql.id(`${table}_primary_on_insert`)} before insert on ${sql.id(table)}
			for each row when (not new.is_primary) execute function ${sql.id(fn)}()`.execute(db);
		await sql`create trigger ${sql.id(`${table}_primary_on_update`)}
			before update of customer_id, ${sql.id(address)} on ${sql.id(table)}
			for each row execute function ${sql.id(fn)}()`.execute(db);
	}

	// The other addresses, lowercased, one a line between newlines ("\na@x.test\nb@y.test\n"): a
	// search for "b@y" is the substring "\nb@y" (starts with) or "\nb@y.test\n" (exactly).
	await sql`alter table customers add column other_emails text, add column other_phones text`.execute(
		db,
	);
	await sql`create function customer_other_emails_changed() returns trigger
		language plpgsql set plan_cache_mode = force_custom_plan as $$
		begin
			update customers c set other_emails = (
				select chr(10) || string_agg(lower(e.email), chr(10) order by lower(e.email))
						filter (where not e.is_primary) || chr(10)
				from customer_emails e where e.customer_id = c.id)
			where c.id in (old.customer_id, new.customer_id);
			return null;
		end
	$$`.execute(db);
	// Filtered in the aggregate, not in WHERE: the indexes below must never look like a way to
	// find one customer's rows (with stale statistics the planner took one, and scanned every
	// other address for each one written).
	await sql`create function customer_other_phones_changed() returns trigger
		language plpgsql set plan_cache_mode = force_custom_plan as $$
		begin
			update customers c set other_phones = (
				select chr(10) || string_agg(p.phone_digits, chr(10) order by p.phone_digits)
						filter (where not p.is_primary) || chr(10)
				from customer_phones p where p.customer_id = c.id)
			where c.id in (old.customer_id, new.customer_id);
			return null;
		end
	$$`.execute(db);
	for (const [table, fn] of [
		['customer_emails', 'customer_other_emails_changed'],
		['customer_phones', 'customer_other_phones_changed'],
	] as const) {
		// Primaries (every new customer's, on the ingestion path) never call the function.
		await sql`create trigger ${sql.id(`${table}_others_on_insert`)} after insert on ${sql.id(table)}
			for each row when (not new.is_primary) execute function ${sql.id(fn)}()`.execute(db);
		await sql`create trigger ${sql.id(`${table}_others_on_delete`)} after delete on ${sql.id(table)}
			for each row when (not old.is_primary) execute function ${sql.id(fn)}()`.execute(db);
		await sql`create trigger ${sql.id(`${table}_others_on_update`)} after update on ${sql.id(table)}
			for each row when (not old.is_primary or not new.is_primary)
			execute function ${sql.id(fn)}()`.execute(db);
	}
	await sql`update customers c set other_emails = o.lines
		from (select customer_id,
				chr(10) || string_agg(lower(email), chr(10) order by lower(email)) || chr(10) as lines
			from customer_emails where not is_primary group by customer_id) o
		where o.customer_id = c.id`.execute(db);
	await sql`update customers c set other_phones = o.lines
		from (select customer_id,
				chr(10) || string_agg(phone_digits, chr(10) order by phone_digits) || chr(10) as lines
			from customer_phones where not is_primary group by customer_id) o
		where o.customer_id = c.id`.execute(db);

	// Exact and prefix matches of the other addresses, read once per search for the few
	// customers they name. The indexed expressions are null for primaries; the indexes are full,
	// not partial, on purpose: ANALYZE then gathers the expressions' own statistics, and the
	// planner knows how few other addresses start with "p" where every primary does (judged by
	// all addresses, it read the whole table to find the first 201).
	await sql`create index if not exists customer_emails_other_prefix_idx
		on customer_emails (business_id, (${OTHER_EMAIL}) text_pattern_ops)`.execute(db);
	await sql`create index if not exists customer_phones_other_prefix_idx
		on customer_phones (business_id, (${OTHER_PHONE}) text_pattern_ops)`.execute(db);
	const { rows } = await sql<{ installed: boolean }>`
		select exists (select 1 from pg_extension where extname = 'pg_trgm') as installed`.execute(db);
	if (rows[0]?.installed) {
		// Substrings of the other addresses, next to 0019's indexes of name and email. Partial:
		// most customers have no other address and cost these indexes nothing (LIKE implies
		// not null, so the planner still uses them; the statistics are the column's own).
		await sql`create index if not exists customers_other_emails_trgm_idx
			on customers using gin (other_emails gin_trgm_ops) where other_emails is not null`.execute(
			db,
		);
		await sql`create index if not exists customers_other_phones_trgm_idx
			on customers using gin (other_phones gin_trgm_ops) where other_phones is not null`.execute(
			db,
		);
	}
	await sql`analyze customers`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const index of [
		'customers_other_phones_trgm_idx',
		'customers_other_emails_trgm_idx',
		'customer_phones_other_prefix_idx',
		'customer_emails_other_prefix_idx',
	]) {
		await sql`drop index if exists ${sql.id(index)}`.execute(db);
	}
	for (const table of ['customer_emails', 'customer_phones']) {
		for (const event of ['on_insert', 'on_delete', 'on_update']) {
			await sql`drop trigger ${sql.id(`${table}_others_${event}`)} on ${sql.id(table)}`.execute(db);
		}
		for (const event of ['on_insert', 'on_update']) {
			await sql`drop trigger ${sql.id(`${table}_primary_${event}`)} on ${sql.id(table)}`.execute(
				db,
			);
		}
	}
	for (const fn of [
		'customer_other_phones_changed',
		'customer_other_emails_changed',
		'customer_phone_is_primary',
		'customer_email_is_primary',
	]) {
		await sql`drop function ${sql.id(fn)}()`.execute(db);
	}
	await sql`create or replace function customer_addresses_of_new_customers() returns trigger
		language plpgsql as $$
		begin
			insert into customer_emails (business_id, customer_id, email)
				select business_id, id, email from new_customers where email is not null;
			insert into customer_phones (business_id, customer_id, phone)
				select business_id, id, phone from new_customers where phone is not null;
			return null;
		end
	$$`.execute(db);
	await sql`alter table customers drop column other_phones, drop column other_emails`.execute(db);
	await sql`alter table customer_phones drop column is_primary`.execute(db);
	await sql`alter table customer_emails drop column is_primary`.execute(db);
}
