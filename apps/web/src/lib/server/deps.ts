import type { ContextEvents, MailConfig, PaymentsConfig } from '@rapport/api';
import { mailDomainOf } from '@rapport/api/domain';
import { publishCustomerEvents, publishFormKeyRotation } from '@rapport/api/events';
import {
	createJobProducer,
	type JobProducer,
	WORKER_HEARTBEAT_KEY,
	watchRedis,
} from '@rapport/api/jobs';
import { parseEncryptionKey, stripeProvider } from '@rapport/api/payments';
import {
	type AccountLogins,
	forgetPasswordResets,
	queuePasswordResetEmail,
} from '@rapport/api/use-cases';
import { createDb, createPool, type Database } from '@rapport/db';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { type Logger, pino } from 'pino';
import { createAccountLogins } from './account-logins.ts';
import { type ApiKeyLimiter, createApiKeyLimiter } from './api-key-limiter.ts';
import { type Auth, createAuth } from './auth.ts';
import type { WebEnv } from './env.ts';
import { createFormServer, type FormServer } from './forms/form-server.ts';
import { createLiveEvents, type LiveEvents } from './live-events.ts';
import { createLoginLimiter, type LoginLimiter } from './login-limiter.ts';
import { createPasswordResets, type PasswordResets } from './password-reset.ts';
import { createResetRequestLimiter } from './reset-request-limiter.ts';

export interface HealthProbes {
	database(): Promise<unknown>;
	redis(): Promise<boolean>;
	worker(): Promise<unknown>;
}

/** Everything the server holds; private to it (see runtime.ts for what routes may reach). */
export interface WebDeps {
	env: WebEnv;
	db: Database;
	redis: Redis;
	jobs: JobProducer;
	mail: MailConfig;
	/** PAYMENTS_ENCRYPTION_KEY (parsed once) and Stripe at STRIPE_API_URL. */
	payments: PaymentsConfig;
	auth: Auth;
	/** signUp's port to better-auth. */
	accounts: AccountLogins;
	loginLimiter: LoginLimiter;
	/** Forgot password: rate-limited requests and resets through better-auth. */
	passwordResets: PasswordResets;
	/** Requests per minute per key of the automated messages API. */
	apiKeyLimiter: ApiKeyLimiter;
	liveEvents: LiveEvents;
	/**
	 * The contact-form endpoint, built on first use: in production serve.js answers form posts
	 * before SvelteKit with the same createFormServer, so this one is only built under `vite dev`.
	 */
	forms(): FormServer;
	/** Database, Redis and worker heartbeat, each a probe that resolves truthy when it answers. */
	health: HealthProbes;
	close(): Promise<void>;
	/** Passed to the API context: announcements to every web process. */
	events: ContextEvents;
	log: Logger;
}

/** Built once in hooks.server.ts `init`; nothing connects at import time. */
export function createDeps(env: WebEnv): WebDeps {
	const log = pino({ level: env.LOG_LEVEL, base: { service: 'web' } });
	// better-auth shares this pool. Ten connections keep both cores busy (pages wait on
	// PostgreSQL for a few ms each); each more is memory here and a backend process there.
	const pool = createPool(env.DATABASE_URL, { max: 10, log });
	// Web producers fail fast when Redis is down instead of queueing commands in memory.
	const redis = watchRedis(
		new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
		log,
		'web',
	);
	const db = createDb(pool);
	const jobs = createJobProducer(redis);
	let forms: FormServer | undefined;
	const liveEvents = createLiveEvents(env.REDIS_URL, log);
	const auth = createAuth(pool, {
		secret: env.BETTER_AUTH_SECRET,
		baseURL: env.ORIGIN,
		passwordReset: {
			queueEmail: (token) => queuePasswordResetEmail({ db, jobs }, token),
			done: (userId) => forgetPasswordResets({ db }, userId),
		},
	});
	return {
		env,
		db,
		redis,
		jobs,
		mail: { domain: mailDomainOf(env.MAIL_FROM), inboundDomain: env.INBOUND_EMAIL_DOMAIN },
		payments: {
			encryptionKey: parseEncryptionKey(env.PAYMENTS_ENCRYPTION_KEY),
			provider: stripeProvider({ apiUrl: env.STRIPE_API_URL }),
		},
		auth,
		accounts: createAccountLogins(auth),
		loginLimiter: createLoginLimiter(redis, env.LOGIN_ATTEMPTS_PER_15_MIN),
		passwordResets: createPasswordResets(auth.api, createResetRequestLimiter(redis)),
		apiKeyLimiter: createApiKeyLimiter(redis, env.API_RATE_PER_KEY_PER_MIN),
		liveEvents,
		forms: () => {
			forms ??= createFormServer(env);
			return forms;
		},
		health: {
			database: () => sql`select 1`.execute(db),
			redis: async () => (await redis.ping()) === 'PONG',
			worker: () => redis.get(WORKER_HEARTBEAT_KEY),
		},
		async close() {
			liveEvents.close();
			await Promise.all([forms?.close(), jobs.close()]);
			redis.disconnect();
			await db.destroy();
		},
		events: {
			formKeyRotated: (businessId) => publishFormKeyRotation(redis, businessId),
			customersChanged: (businessId, events) => publishCustomerEvents(redis, businessId, events),
		},
		log,
	};
}
