import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.

/** The issued document of every invoice row `i` (joined with businesses b, customers c). */
const snapshotOf = sql`jsonb_build_object(
	'version', 1,
	'business', jsonb_build_object('name', b.name, 'email', b.email, 'address', b.address),
	'customer', jsonb_build_object('name', c.name, 'email', c.email, 'phone', c.phone, 'address', null),
	'invoice', jsonb_build_object(
		'number', i.number, 'issueDate', i.issue_date::text, 'dueDate', i.due_date::text,
		'currency', i.currency, 'notes', i.notes),
	'items', coalesce((
		select jsonb_agg(jsonb_build_object(
			'description', it.description,
			'quantity', trim_scale(it.quantity)::text,
			'unitPriceMinor', it.unit_price_minor,
			'taxRate', trim_scale(it.tax_rate)::text) order by it.position)
		from invoice_items it where it.invoice_id = i.id), '[]'::jsonb),
	'totals', jsonb_build_object(
		'subtotalMinor', i.subtotal_minor, 'taxMinor', i.tax_minor, 'totalMinor', i.total_minor))`;

export async function up(db: Kysely<any>): Promise<void> {
	// Outbound messages say what they are, so rules about the invoice email (one live send per
	// invoice, its template, the invoice's delivery badge) leave reminders and receipts alone.
	// Inbound messages are 'reply' too (the customer's side of a conversation); the default keeps
	// every writer that predates kinds (bulk loaders, benches) valid.
	await sql`alter table messages add column kind text not null default 'reply'`.execute(db);
	await sql`alter table messages add constraint messages_kind_check check (kind in ('invoice', 'reminder', 'receipt', 'reply', 'automated'))`.execute(
		db,
	);
	await sql`alter table messages add constraint messages_kind_invoice_check check (kind not in ('invoice', 'reminder', 'receipt') or invoice_id is not null)`.execute(
		db,
	);
	await sql`update messages set kind = 'invoice' where direction = 'outbound' and invoice_id is not null`.execute(
		db,
	);
	await sql`drop index messages_invoice_active_send_uq`.execute(db);
	await sql`create unique index messages_invoice_active_send_uq on messages (invoice_id) where kind = 'invoice' and invoice_id is not null and delivery_state in ('queued', 'sending', 'accepted')`.execute(
		db,
	);

	// What the customer was given at issue; later edits of the business or customer never change it.
	await sql`alter table invoices add column issued_snapshot jsonb`.execute(db);
	// A draft whose email was already on its way (or may have arrived) is issued now: under the
	// new model sending issues first.
	await sql`update invoices i set status = 'sent', issued_at = coalesce(i.issued_at, now()),
		version = i.version + 1, updated_at = now()
		where i.status = 'draft' and exists (
			select 1 from messages m where m.invoice_id = i.id and m.kind = 'invoice'
			and m.delivery_state in ('queued', 'sending', 'accepted', 'uncertain'))`.execute(db);
	await sql`update invoices i set issued_snapshot = ${snapshotOf}
		from businesses b, customers c
		where b.id = i.business_id and c.id = i.customer_id
		and i.status in ('sent', 'paid', 'void') and i.issued_snapshot is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table invoices drop column issued_snapshot`.execute(db);
	await sql`drop index messages_invoice_active_send_uq`.execute(db);
	await sql`create unique index messages_invoice_active_send_uq on messages (invoice_id) where invoice_id is not null and delivery_state in ('queued', 'sending', 'accepted')`.execute(
		db,
	);
	await sql`alter table messages drop column kind`.execute(db);
}
