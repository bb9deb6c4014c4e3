import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.
//
// Single-line values saved before input was checked may hold control characters (CR/LF in a
// business name ends up in the From header, in an invoice number on the PDF). Each run of them
// becomes one space, then the value is trimmed. PostgreSQL text cannot hold NUL, so there is
// none to find. Multi-line text (notes, messages, addresses) is left as it was.

/** C0 and C1 controls, DEL, Unicode line and paragraph separators: what input now refuses. */
const CONTROLS = '[\\x01-\\x1f\\x7f-\\x9f\\u2028\\u2029]+';

const cleaned = (column: string) =>
	sql<string>`btrim(regexp_replace(${sql.ref(column)}, ${CONTROLS}, ' ', 'g'))`;
const dirty = (column: string) => sql<boolean>`${sql.ref(column)} ~ ${CONTROLS}`;

async function cleanColumn(
	db: Kysely<any>,
	table: string,
	column: string,
	/** What an empty result becomes: null for optional columns. */
	ifEmpty: string | null,
) {
	await db
		.updateTable(table)
		.set({ [column]: sql`coalesce(nullif(${cleaned(column)}, ''), ${ifEmpty})` })
		.where(dirty(column))
		.execute();
}

export async function up(db: Kysely<any>): Promise<void> {
	await cleanColumn(db, 'businesses', 'name', 'My business');
	await cleanColumn(db, 'businesses', 'email', null);
	await cleanColumn(db, 'businesses', 'invoice_prefix', '');
	await cleanColumn(db, 'customers', 'name', 'Unnamed customer');
	await cleanColumn(db, 'customers', 'phone', null);

	// One customer per email in a business: an address that, once cleaned, another customer of
	// the business already has is dropped from this one (the other keeps matching mail to it).
	await sql`
		update customers c
		set email = case
			when exists (
				select 1 from customers o
				where o.business_id = c.business_id and o.id <> c.id
					and lower(o.email) = lower(${cleaned('c.email')})
			) then null
			else nullif(${cleaned('c.email')}, '')
		end
		where ${dirty('c.email')}
	`.execute(db);

	// Numbers are unique per business: a cleaned number that is already taken gets "-2", "-3"…
	// Row by row, so two dirty numbers cleaning to the same value are told apart too.
	// Single-word aliases and snake_case names: right with or without the CamelCasePlugin.
	const { rows } = await sql<{ id: string; owner: string; cleaned: string }>`
		select id, business_id as owner, ${cleaned('number')} as cleaned
		from invoices where ${dirty('number')}
		order by created_at, id
	`.execute(db);
	for (const row of rows) {
		const base = row.cleaned || 'INV';
		for (let n = 1; ; n++) {
			const candidate = n === 1 ? base : `${base}-${n}`;
			const { rows: taken } = await sql`
				select 1 from invoices where business_id = ${row.owner} and number = ${candidate}
			`.execute(db);
			if (taken.length > 0) continue;
			await sql`update invoices set number = ${candidate} where id = ${row.id}`.execute(db);
			break;
		}
	}
}

/** Nothing to restore: the control characters were never meant to be there. */
export async function down(): Promise<void> {}
