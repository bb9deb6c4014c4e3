import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import { insertBusiness } from '../queries/businesses.ts';
import { insertCustomer } from '../queries/customers.ts';
import type { NewBusiness, NewCustomer } from '../schema.ts';

/** Unique per call, so tests isolate by data and can run in parallel on one database. */
function uniqueSuffix(): string {
	return randomUUID().slice(0, 8);
}

export async function createTestBusiness(
	db: Executor,
	overrides: Partial<Omit<NewBusiness, 'formKey'>> = {},
) {
	return insertBusiness(db, { name: `Test Business ${uniqueSuffix()}`, ...overrides });
}

export async function createTestCustomer(
	db: Executor,
	businessId: string,
	overrides: Partial<Omit<NewCustomer, 'businessId'>> = {},
) {
	const suffix = uniqueSuffix();
	return insertCustomer(db, businessId, {
		name: `Customer ${suffix}`,
		email: `customer-${suffix}@example.test`,
		...overrides,
	});
}

export function testDatabaseUrl(): string {
	const url = process.env.DATABASE_URL;
	if (!url) throw new Error('DATABASE_URL is not set: run tests through `npm test`.');
	return url;
}

export async function createTestUser(db: Executor, businessId: string) {
	const suffix = uniqueSuffix();
	return db
		.insertInto('users')
		.values({
			id: randomUUID(),
			businessId,
			name: `User ${suffix}`,
			email: `user-${suffix}@example.test`,
			image: null,
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

/** The server process behind a connection or transaction (to see who waits on its locks). */
export async function backendPid(db: Executor): Promise<number> {
	const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
	return rows[0]!.pid;
}

/** The server processes now waiting for a lock that process `pid` holds. */
export async function backendsWaitingOn(db: Executor, pid: number): Promise<number[]> {
	const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
		where ${pid}::int = any(pg_blocking_pids(pid))`.execute(db);
	return rows.map((r) => r.pid);
}
