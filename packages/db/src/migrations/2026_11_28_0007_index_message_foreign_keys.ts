import { type Kysely, sql } from 'kysely';

// Foreign keys need an index on the referencing side, or every delete of a referenced row
// scans all messages: deleting a draft invoice (invoice_id → set null) or a customer
// (customer_id → cascade) took seconds to minutes at a million messages.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`create index messages_invoice_id_idx on messages (invoice_id) where invoice_id is not null`.execute(
		db,
	);
	await sql`create index messages_customer_id_idx on messages (customer_id)`.execute(db);
	await sql`create index notes_customer_id_idx on notes (customer_id)`.execute(db);
	await sql`create index invoices_customer_id_idx on invoices (customer_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const name of [
		'messages_invoice_id_idx',
		'messages_customer_id_idx',
		'notes_customer_id_idx',
		'invoices_customer_id_idx',
	]) {
		await db.schema.dropIndex(name).execute();
	}
}
