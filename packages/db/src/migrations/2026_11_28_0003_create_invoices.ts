import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	// Per-business sequence, bumped in the same transaction that saves an invoice.
	await db.schema
		.alterTable('businesses')
		.addColumn('next_invoice_number', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();

	await db.schema
		.createTable('invoices')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('business_id', 'uuid', (c) =>
			c.notNull().references('businesses.id').onDelete('cascade'),
		)
		.addColumn('customer_id', 'uuid', (c) =>
			c.notNull().references('customers.id').onDelete('cascade'),
		)
		.addColumn('number', 'text', (c) => c.notNull())
		.addColumn('issue_date', 'date', (c) => c.notNull())
		.addColumn('due_date', 'date', (c) => c.notNull())
		.addColumn('currency', 'char(3)', (c) => c.notNull())
		.addColumn('notes', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('draft').check(sql`status in ('draft', 'sent', 'paid', 'void')`),
		)
		// Totals are derived by the domain on every save and stored for lists and balances.
		.addColumn('subtotal_minor', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('tax_minor', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('total_minor', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('issued_at', 'timestamptz')
		.addColumn('sent_at', 'timestamptz')
		.addColumn('paid_on', 'date')
		.addColumn('voided_at', 'timestamptz')
		.addColumn('public_token', 'text', (c) => c.unique())
		.addColumn('viewed_at', 'timestamptz')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('invoices_business_number_uq', ['business_id', 'number'])
		.execute();
	await db.schema
		.createIndex('invoices_customer_timeline_idx')
		.on('invoices')
		.columns(['business_id', 'customer_id', 'created_at desc', 'id desc'])
		.execute();

	await db.schema
		.createTable('invoice_items')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('invoice_id', 'uuid', (c) =>
			c.notNull().references('invoices.id').onDelete('cascade'),
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('quantity', 'numeric(12, 3)', (c) => c.notNull())
		.addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
		.addColumn('tax_rate', 'numeric(6, 3)', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createIndex('invoice_items_invoice_idx')
		.on('invoice_items')
		.columns(['invoice_id', 'position'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('invoice_items').execute();
	await db.schema.dropTable('invoices').execute();
	await db.schema.alterTable('businesses').dropColumn('next_invoice_number').execute();
}
