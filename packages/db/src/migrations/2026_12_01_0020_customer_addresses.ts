import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.
//
// Every email and phone of a customer, the primary ones (customers.email / customers.phone)
// included, so matching a sender is one index lookup whichever address they wrote from.
// Emails are unique per business, case-insensitively, across primaries and others alike: the
// unique index on customer_emails is the one check. Phones are not unique (a family or an
// office shares one); they are matched on their digits.
//
// Triggers keep the primaries' rows in step with customers, so every writer (use cases, the
// batched form upsert, imports, seeds, test factories) holds the rule without knowing it. The
// insert trigger is per statement (one set-based insert for a whole batch); the update ones
// run only when the primary actually changes (the WHEN clause costs no function call).

export async function up(db: Kysely<any>): Promise<void> {
	await sql`create table customer_emails (
		id uuid primary key default gen_random_uuid(),
		business_id uuid not null references businesses (id) on delete cascade,
		customer_id uuid not null references customers (id) on delete cascade,
		email text not null,
		created_at timestamptz not null default now()
	)`.execute(db);
	await sql`create unique index customer_emails_business_email_uq
		on customer_emails (business_id, lower(email))`.execute(db);
	await sql`create index customer_emails_customer_idx on customer_emails (customer_id)`.execute(db);

	await sql`create table customer_phones (
		id uuid primary key default gen_random_uuid(),
		business_id uuid not null references businesses (id) on delete cascade,
		customer_id uuid not null references customers (id) on delete cascade,
		phone text not null,
		phone_digits text not null generated always as (regexp_replace(phone, '\\D', '', 'g')) stored,
		created_at timestamptz not null default now()
	)`.execute(db);
	await sql`create unique index customer_phones_customer_digits_uq
		on customer_phones (customer_id, phone_digits)`.execute(db);
	await sql`create index customer_phones_business_digits_idx
		on customer_phones (business_id, phone_digits)`.execute(db);

	// Existing customers: their one email and phone become their primary rows.
	await sql`insert into customer_emails (business_id, customer_id, email, created_at)
		select business_id, id, email, created_at from customers where email is not null`.execute(db);
	await sql`insert into customer_phones (business_id, customer_id, phone, created_at)
		select business_id, id, phone, created_at from customers where phone is not null`.execute(db);

	await sql`create function customer_addresses_of_new_customers() returns trigger
		language plpgsql as $$
		begin
			insert into customer_emails (business_id, customer_id, email)
				select business_id, id, email from new_customers where email is not null;
			insert into customer_phones (business_id, customer_id, phone)
				select business_id, id, phone from new_customers where phone is not null;
			return null;
		end
	$$`.execute(db);
	await sql`create trigger customers_addresses_on_insert after insert on customers
		referencing new table as new_customers
		for each statement execute function customer_addresses_of_new_customers()`.execute(db);

	// A changed primary replaces its row (the use case that swaps primaries re-adds the old one
	// as another address); a case-only change rewrites the stored spelling.
	await sql`create function customer_primary_email_changed() returns trigger
		language plpgsql as $$
		begin
			if old.email is not null and (new.email is null or lower(old.email) <> lower(new.email)) then
				delete from customer_emails
				where business_id = old.business_id and lower(email) = lower(old.email)
					and customer_id = old.id;
			end if;
			if new.email is not null then
				update customer_emails set email = new.email
				where business_id = new.business_id and lower(email) = lower(new.email)
					and customer_id = new.id;
				if not found then
					insert into customer_emails (business_id, customer_id, email)
					values (new.business_id, new.id, new.email);
				end if;
			end if;
			return null;
		end
	$$`.execute(db);
	await sql`create trigger customers_primary_email_on_update after update of email on customers
		for each row when (old.email is distinct from new.email)
		execute function customer_primary_email_changed()`.execute(db);

	await sql`create function customer_primary_phone_changed() returns trigger
		language plpgsql as $$
		declare
			old_digits text := regexp_replace(old.phone, '\\D', '', 'g');
			new_digits text := regexp_replace(new.phone, '\\D', '', 'g');
		begin
			if old.phone is not null and (new.phone is null or old_digits <> new_digits) then
				delete from customer_phones where customer_id = old.id and phone_digits = old_digits;
			end if;
			if new.phone is not null then
				update customer_phones set phone = new.phone
				where customer_id = new.id and phone_digits = new_digits;
				if not found then
					insert into customer_phones (business_id, customer_id, phone)
					values (new.business_id, new.id, new.phone);
				end if;
			end if;
			return null;
		end
	$$`.execute(db);
	await sql`create trigger customers_primary_phone_on_update after update of phone on customers
		for each row when (old.phone is distinct from new.phone)
		execute function customer_primary_phone_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop trigger customers_primary_phone_on_update on customers`.execute(db);
	await sql`drop trigger customers_primary_email_on_update on customers`.execute(db);
	await sql`drop trigger customers_addresses_on_insert on customers`.execute(db);
	await sql`drop function customer_primary_phone_changed()`.execute(db);
	await sql`drop function customer_primary_email_changed()`.execute(db);
	await sql`drop function customer_addresses_of_new_customers()`.execute(db);
	await sql`drop table customer_phones`.execute(db);
	await sql`drop table customer_emails`.execute(db);
}
