import { createDb } from '../client.ts';
import { migrateToLatest } from '../migrate.ts';

const url = process.env.DATABASE_URL;
if (!url) {
	console.error('DATABASE_URL is not set');
	process.exit(1);
}
const db = createDb(url);
try {
	const applied = await migrateToLatest(db);
	console.log(applied.length ? `migrated: ${applied.join(', ')}` : 'database schema up to date');
} finally {
	await db.destroy();
}
