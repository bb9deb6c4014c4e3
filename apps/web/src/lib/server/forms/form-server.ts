// Loaded by serve.js (run from source by Node, outside the SvelteKit build).
import { createJobProducer, watchRedis } from '@rapport/api/jobs';
import { createDb, createPool } from '@rapport/db';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadEnv } from '../env.ts';
import { createCachedFormIntake } from './cached-intake.ts';
import { createNodeFormEndpoint } from './node-endpoint.ts';

/** The contact-form endpoint for serve.js, with connections of its own. */
export function createFormServer() {
	const env = loadEnv();
	const log = pino({ level: env.LOG_LEVEL, base: { service: 'web-forms' } });
	// Cached form keys make the database a rare visitor here.
	const db = createDb(createPool(env.DATABASE_URL, { max: 4, log }));
	// Fail fast when Redis is down (503) instead of queueing commands in memory; commands of
	// concurrent requests share socket writes.
	const redis = watchRedis(
		new Redis(env.REDIS_URL, {
			enableOfflineQueue: false,
			maxRetriesPerRequest: 1,
			enableAutoPipelining: true,
		}),
		log,
		'forms',
	);
	const jobs = createJobProducer(redis);
	const { intake, formKeys } = createCachedFormIntake(env, { db, redis, jobs, log });
	return {
		handle: createNodeFormEndpoint(intake, log),
		async close() {
			formKeys.close();
			await jobs.close();
			redis.disconnect();
			await db.destroy();
		},
	};
}
