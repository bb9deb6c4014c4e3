import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('businesses')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('email', 'text')
		.addColumn('address', 'text')
		.addColumn('plan', 'text', (c) =>
			c.notNull().defaultTo('grow').check(sql`plan in ('starter', 'launch', 'grow')`),
		)
		.addColumn('trial_ends_at', 'timestamptz')
		.addColumn('currency', 'char(3)', (c) => c.notNull().defaultTo('USD'))
		.addColumn('invoice_prefix', 'text', (c) => c.notNull().defaultTo('INV-'))
		.addColumn('payment_terms_days', 'integer', (c) => c.notNull().defaultTo(14))
		.addColumn('form_key', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	// Auth tables follow better-auth's model (text ids it generates), with snake_case columns.
	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('business_id', 'uuid', (c) =>
			c.notNull().references('businesses.id').onDelete('cascade'),
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('email_verified', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('image', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('users_business_id_idx').on('users').column('business_id').execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('token', 'text', (c) => c.notNull().unique())
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('ip_address', 'text')
		.addColumn('user_agent', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();
	await db.schema
		.createIndex('sessions_expires_at_idx')
		.on('sessions')
		.column('expires_at')
		.execute();

	await db.schema
		.createTable('accounts')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('account_id', 'text', (c) => c.notNull())
		.addColumn('provider_id', 'text', (c) => c.notNull())
		.addColumn('access_token', 'text')
		.addColumn('refresh_token', 'text')
		.addColumn('id_token', 'text')
		.addColumn('access_token_expires_at', 'timestamptz')
		.addColumn('refresh_token_expires_at', 'timestamptz')
		.addColumn('scope', 'text')
		.addColumn('password', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('accounts_user_id_idx').on('accounts').column('user_id').execute();

	await db.schema
		.createTable('verifications')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('identifier', 'text', (c) => c.notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('customers')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('business_id', 'uuid', (c) =>
			c.notNull().references('businesses.id').onDelete('cascade'),
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('last_activity_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	// One customer per email within a business, whatever the case the email was typed in.
	await sql`create unique index customers_business_email_uq on customers (business_id, lower(email)) where email is not null`.execute(
		db,
	);
	// The list is ordered by recent activity and paged by (last_activity_at, id).
	await db.schema
		.createIndex('customers_business_activity_idx')
		.on('customers')
		.columns(['business_id', 'last_activity_at desc', 'id desc'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'customers',
		'verifications',
		'accounts',
		'sessions',
		'users',
		'businesses',
	]) {
		await db.schema.dropTable(table).execute();
	}
}
