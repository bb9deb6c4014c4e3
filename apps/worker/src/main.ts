import { createDb, migrateToLatest } from '@rapport/db';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadEnv } from './env.ts';
import { startWorkers } from './worker.ts';

const env = loadEnv();
const log = pino({ level: env.LOG_LEVEL, base: { service: 'worker' } });
const db = createDb(env.DATABASE_URL);
// Workers block on Redis; BullMQ requires unlimited retries per request for them.
const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });

await migrateToLatest(db);
const workers = await startWorkers({
	connection,
	deps: { db, log },
	concurrency: env.WORKER_CONCURRENCY,
});
log.info('worker started');

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	log.info({ signal }, 'worker stopping');
	await workers.close();
	await connection.quit();
	await db.destroy();
	log.info('worker stopped');
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
