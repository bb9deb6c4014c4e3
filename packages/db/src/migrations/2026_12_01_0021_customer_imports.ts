import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

export async function up(db: Kysely<any>): Promise<void> {
	// A CSV import of customers. The file itself is kept here (web and worker processes share no
	// disk) until the import is done; processed_rows is the worker's checkpoint, written in the
	// same transaction as each batch, so a crashed import resumes where it stopped.
	await sql`create table customer_imports (
		id uuid primary key default gen_random_uuid(),
		business_id uuid not null references businesses(id) on delete cascade,
		created_by text references users(id) on delete set null,
		file_name text not null,
		upload bytea,
		delimiter text not null check (delimiter in (',', ';')),
		has_header boolean not null,
		-- The first rows as parsed (header included), for the mapping screen.
		preview jsonb not null,
		column_count integer not null,
		mapping jsonb,
		on_existing text not null default 'skip' check (on_existing in ('skip', 'fill_empty')),
		status text not null default 'uploaded'
			check (status in ('uploaded', 'queued', 'running', 'done', 'failed')),
		total_rows integer not null,
		processed_rows integer not null default 0,
		created_count integer not null default 0,
		updated_count integer not null default 0,
		skipped_count integer not null default 0,
		rejected_count integer not null default 0,
		error text,
		created_at timestamptz(3) not null default now(),
		started_at timestamptz(3),
		finished_at timestamptz(3)
	)`.execute(db);
	await sql`create index customer_imports_business_idx on customer_imports (business_id, created_at desc)`.execute(
		db,
	);
	// The report: rows not imported (rejected, or held back as possible duplicates), with the
	// reason and the cells as read. Keyed by row so a batch written twice adds nothing.
	await sql`create table customer_import_rows (
		import_id uuid not null references customer_imports(id) on delete cascade,
		row_number integer not null,
		outcome text not null check (outcome in ('rejected', 'possible_duplicate')),
		reason text not null,
		cells jsonb not null,
		primary key (import_id, row_number)
	)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop table customer_import_rows`.execute(db);
	await sql`drop table customer_imports`.execute(db);
}
