import { createJobProducer, watchRedis } from '@rapport/api/jobs';
import { createDb, createPool, findBusinessIdByFormKey } from '@rapport/db';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadEnv, type WebEnv } from '../env.ts';
import { createFormKeyCache } from './form-key-cache.ts';
import { createFormIntake } from './intake.ts';
import { createNodeFormEndpoint } from './node-endpoint.ts';
import { createFormRateLimiter } from './rate-limit.ts';

export type FormServer = ReturnType<typeof createFormServer>;

/**
 * The contact-form endpoint, the one place it is put together: with connections of its own,
 * rate limits and a form-key cache. In production serve.js builds it (Node runs this file from
 * source, outside the SvelteKit build) and answers form posts before SvelteKit with `handle`;
 * under `vite dev` the SvelteKit route builds the same thing (lib/server/deps.ts) and answers
 * with `intake.handle`. Both adapters call the same `intake.submit`.
 */
export function createFormServer(env: WebEnv = loadEnv()) {
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
	const limiter = createFormRateLimiter(redis, {
		perIpPerMin: env.FORM_RATE_PER_IP_PER_MIN,
		perKeyPerMin: env.FORM_RATE_PER_KEY_PER_MIN,
	});
	const formKeys = createFormKeyCache({
		lookup: (formKey) => findBusinessIdByFormKey(db, formKey),
		subscriber: watchRedis(
			new Redis(env.REDIS_URL, { maxRetriesPerRequest: null }),
			log,
			'form-key-rotations',
		),
	});
	const intake = createFormIntake({ db, redis, jobs, log, formKeys, limiter });
	return {
		intake,
		/** The Node adapter (serve.js); returns false for requests that are not form posts. */
		handle: createNodeFormEndpoint(intake, log),
		async close() {
			formKeys.close();
			await jobs.close();
			redis.disconnect();
			await db.destroy();
		},
	};
}
