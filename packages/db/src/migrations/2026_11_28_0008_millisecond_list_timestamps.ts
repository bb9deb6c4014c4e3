import { type Kysely, sql } from 'kysely';

// Keyset cursors travel through JavaScript Dates, which hold milliseconds. PostgreSQL kept
// microseconds, so two rows within the same millisecond could fall between pages. The columns
// that order lists now store milliseconds, exactly what a cursor can carry.
const columns = [
	['customers', 'last_activity_at'],
	['notes', 'created_at'],
	['invoices', 'created_at'],
	['messages', 'created_at'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
	for (const [table, column] of columns) {
		await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type timestamptz(3)`.execute(
			db,
		);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const [table, column] of columns) {
		await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type timestamptz`.execute(
			db,
		);
	}
}
