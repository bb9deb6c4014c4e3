import type { ContextEvents, MailConfig } from '@rapport/api';
import { mailDomainOf } from '@rapport/api/domain';
import { publishFormKeyRotation } from '@rapport/api/events';
import { createJobProducer, type JobProducer } from '@rapport/api/jobs';
import { createDb, createPool, type Database, findBusinessIdByFormKey } from '@rapport/db';
import { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import { type Auth, createAuth } from './auth.ts';
import type { WebEnv } from './env.ts';
import { createFormKeyCache, type FormKeyCache } from './forms/form-key-cache.ts';
import { createFormIntake, type FormIntake } from './forms/intake.ts';
import { createFormRateLimiter } from './forms/rate-limit.ts';
import { createLiveEvents, type LiveEvents } from './live-events.ts';
import { createLoginLimiter, type LoginLimiter } from './login-limiter.ts';

export interface WebDeps {
	env: WebEnv;
	db: Database;
	redis: Redis;
	jobs: JobProducer;
	mail: MailConfig;
	auth: Auth;
	loginLimiter: LoginLimiter;
	liveEvents: LiveEvents;
	formIntake: FormIntake;
	formKeys: FormKeyCache;
	/** Passed to the API context: announcements to every web process. */
	events: ContextEvents;
	log: Logger;
}

/** Built once in hooks.server.ts `init`; nothing connects at import time. */
export function createDeps(env: WebEnv): WebDeps {
	const pool = createPool(env.DATABASE_URL, 20);
	// Web producers fail fast when Redis is down instead of queueing commands in memory.
	const redis = new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
	const log = pino({ level: env.LOG_LEVEL, base: { service: 'web' } });
	redis.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
	const db = createDb(pool);
	const jobs = createJobProducer(redis);
	const formLimiter = createFormRateLimiter(redis, {
		perIpPerMin: env.FORM_RATE_PER_IP_PER_MIN,
		perKeyPerMin: env.FORM_RATE_PER_KEY_PER_MIN,
	});
	const subscriber = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
	subscriber.on('error', (err) => log.warn({ err: err.message }, 'redis subscriber error'));
	const formKeys = createFormKeyCache({
		lookup: (formKey) => findBusinessIdByFormKey(db, formKey),
		subscriber,
	});
	return {
		env,
		db,
		redis,
		jobs,
		mail: { domain: mailDomainOf(env.MAIL_FROM) },
		auth: createAuth(pool, { secret: env.BETTER_AUTH_SECRET, baseURL: env.ORIGIN }),
		loginLimiter: createLoginLimiter(redis, env.LOGIN_ATTEMPTS_PER_15_MIN),
		liveEvents: createLiveEvents(env.REDIS_URL, log),
		formIntake: createFormIntake({ db, formKeys, redis, jobs, limiter: formLimiter, log }),
		formKeys,
		events: { formKeyRotated: (businessId) => publishFormKeyRotation(redis, businessId) },
		log,
	};
}
