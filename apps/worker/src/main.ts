import { mailDomainOf } from '@rapport/api/domain';
import { createDb, migrateToLatest } from '@rapport/db';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { loadEnv } from './env.ts';
import { startWorkers } from './worker.ts';

const env = loadEnv();
const log = pino({ level: env.LOG_LEVEL, base: { service: 'worker' } });
const db = createDb(env.DATABASE_URL);
// Workers block on Redis; BullMQ requires unlimited retries per request for them.
const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const mailer = createMailer(env.SMTP_URL, env.MAIL_FROM);

// SIGKILL ourselves: the harshest crash, for the exactly-once tests.
const crash = () => process.kill(process.pid, 'SIGKILL');
const faults =
	env.RAPPORT_FAULT === 'exit-after-smtp-accept'
		? { afterSmtpAccept: crash }
		: env.RAPPORT_FAULT === 'exit-after-accept-recorded'
			? { afterAcceptRecorded: crash }
			: undefined;

await migrateToLatest(db);
const workers = await startWorkers({
	connection,
	deps: {
		db,
		log,
		mailer,
		templates: loadEmailTemplates(),
		origin: env.ORIGIN,
		mailDomain: mailDomainOf(env.MAIL_FROM),
		faults,
	},
	concurrency: env.WORKER_CONCURRENCY,
	queueConcurrency: { ingest: env.WORKER_INGEST_CONCURRENCY },
	formBatch: {
		size: env.INGEST_BATCH_SIZE,
		waitMs: env.INGEST_BATCH_WAIT_MS,
		maxInFlight: env.INGEST_BATCHES_IN_FLIGHT,
	},
	lockDurationMs: env.WORKER_LOCK_DURATION_MS,
	prefix: env.QUEUE_PREFIX,
	schedules: env.WORKER_SCHEDULES === 'on',
});
log.info('worker started');

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	log.info({ signal }, 'worker stopping');
	await workers.close();
	mailer.close();
	await connection.quit();
	await db.destroy();
	log.info('worker stopped');
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
