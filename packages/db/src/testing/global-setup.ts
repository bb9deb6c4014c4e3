import { createDb } from '../client.ts';
import { migrateToLatest } from '../migrate.ts';
import { testDatabaseUrl } from './index.ts';

/** Once per test run: bring the test database's schema up to date. Tests never truncate. */
export default async function setup() {
	const db = createDb(testDatabaseUrl());
	try {
		await migrateToLatest(db);
	} finally {
		await db.destroy();
	}
}
