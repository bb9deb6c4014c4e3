import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
	// The ledger. Deleted payments stay (deleted_at/by): the invoice's history says who removed what.
	await sql`create table payments (
		id uuid primary key default gen_random_uuid(),
		business_id uuid not null references businesses(id) on delete cascade,
		invoice_id uuid not null references invoices(id) on delete cascade,
		amount_minor bigint not null check (amount_minor > 0),
		currency text not null,
		paid_on date not null,
		method text not null check (method in ('card', 'bank_transfer', 'cash', 'cheque', 'online', 'other')),
		reference text,
		note text,
		source text not null default 'manual' check (source in ('manual', 'provider')),
		provider text,
		provider_id text,
		-- Money a provider took that the owner must look at: more than was owed, or for a void invoice.
		flag text check (flag in ('overpaid', 'invoice_void')),
		created_by text references users(id) on delete set null,
		created_at timestamptz(3) not null default now(),
		deleted_at timestamptz(3),
		deleted_by text references users(id) on delete set null,
		check ((source = 'provider') = (provider_id is not null))
	)`.execute(db);
	// Exactly once per provider payment (a Checkout Session): redeliveries are no-ops.
	await sql`create unique index payments_provider_uq on payments (provider, provider_id) where provider_id is not null`.execute(
		db,
	);
	await sql`create index payments_invoice_idx on payments (invoice_id, created_at)`.execute(db);
	await sql`create index payments_business_idx on payments (business_id)`.execute(db);

	// Maintained from the ledger in the transaction that changes it (never incremented blindly).
	await sql`alter table invoices add column paid_minor bigint not null default 0`.execute(db);
	await sql`alter table customers add column open_balance_minor bigint not null default 0`.execute(
		db,
	);

	// Invoices marked paid before the ledger existed get the one payment that paid them.
	await sql`insert into payments (business_id, invoice_id, amount_minor, currency, paid_on, method, note)
		select business_id, id, total_minor, currency, coalesce(paid_on, issue_date), 'other',
			'Recorded as paid before payments were itemised'
		from invoices where status = 'paid' and total_minor > 0`.execute(db);
	await sql`update invoices set paid_minor = total_minor where status = 'paid'`.execute(db);
	await sql`update customers c set open_balance_minor = b.balance
		from (select customer_id, sum(total_minor - paid_minor) as balance from invoices
			where status = 'sent' group by customer_id) b
		where b.customer_id = c.id`.execute(db);
	// The Invoices overview and its totals: newest first per business, open ones by due date.
	await sql`create index invoices_business_created_idx on invoices (business_id, created_at desc, id desc)`.execute(
		db,
	);
	await sql`create index invoices_business_open_idx on invoices (business_id, due_date) include (total_minor, paid_minor) where status = 'sent'`.execute(
		db,
	);

	// A business's payment provider. Secrets are encrypted by the app (PAYMENTS_ENCRYPTION_KEY);
	// webhook_id is the unguessable part of the webhook URL that names the business.
	await sql`create table payment_connections (
		business_id uuid not null references businesses(id) on delete cascade,
		provider text not null,
		secret_key_encrypted text not null,
		webhook_secret_encrypted text not null,
		secret_key_hint text not null,
		webhook_id text not null unique,
		connected_at timestamptz(3) not null default now(),
		primary key (business_id, provider)
	)`.execute(db);

	// A payment received shows on the customer's Messages tab as a system event (kind 'payment').
	await sql`alter table messages drop constraint messages_kind_check`.execute(db);
	await sql`alter table messages add constraint messages_kind_check check (kind in ('invoice', 'reminder', 'receipt', 'reply', 'automated', 'payment'))`.execute(
		db,
	);

	// Every verified webhook event once: duplicates are no-ops, ignored ones say why.
	await sql`create table payment_events (
		provider text not null,
		event_id text not null,
		business_id uuid references businesses(id) on delete cascade,
		type text not null,
		outcome text not null check (outcome in ('recorded', 'duplicate', 'ignored')),
		reason text,
		payment_id uuid references payments(id) on delete set null,
		created_at timestamptz(3) not null default now(),
		primary key (provider, event_id)
	)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table payment_events`.execute(db);
	await sql`drop table payment_connections`.execute(db);
	await sql`delete from messages where kind = 'payment'`.execute(db);
	await sql`alter table messages drop constraint messages_kind_check`.execute(db);
	await sql`alter table messages add constraint messages_kind_check check (kind in ('invoice', 'reminder', 'receipt', 'reply', 'automated'))`.execute(
		db,
	);
	await sql`drop index invoices_business_open_idx`.execute(db);
	await sql`drop index invoices_business_created_idx`.execute(db);
	await sql`alter table customers drop column open_balance_minor`.execute(db);
	await sql`alter table invoices drop column paid_minor`.execute(db);
	await sql`drop table payments`.execute(db);
}
