import { mailDomainOf } from '@rapport/api/domain';
import { watchRedis } from '@rapport/api/jobs';
import { createDb, migrateToLatest } from '@rapport/db';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { loadEnv } from './env.ts';
import { startWorkers } from './worker.ts';

const env = loadEnv();
const log = pino({ level: env.LOG_LEVEL, base: { service: 'worker' } });
const db = createDb(env.DATABASE_URL, { log });
// Workers block on Redis; BullMQ requires unlimited retries per request for them.
const connection = watchRedis(
	new Redis(env.REDIS_URL, { maxRetriesPerRequest: null }),
	log,
	'worker',
);
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
		inboundDomain: env.INBOUND_EMAIL_DOMAIN,
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
	reminderSweepMs: env.REMINDER_SWEEP_SECONDS * 1000,
});
log.info('worker started');

/**
 * How long stopping may take: active jobs finish first (BullMQ takes no new ones), then the
 * connections close. Past it we exit anyway; the unfinished jobs' locks expire and another
 * worker (or this one restarted) retries them.
 */
const SHUTDOWN_MS = 20_000;
let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	log.info({ signal }, 'worker stopping');
	setTimeout(() => {
		log.warn({ afterMs: SHUTDOWN_MS }, 'worker stop forced');
		process.exit(1);
	}, SHUTDOWN_MS).unref();
	// In this order: the jobs still running need the database and Redis.
	await workers.close();
	mailer.close();
	// QUIT would wait in the offline queue for a Redis that is down.
	if (connection.status === 'ready') await connection.quit().catch(() => {});
	else connection.disconnect();
	await db.destroy();
	log.info('worker stopped');
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
