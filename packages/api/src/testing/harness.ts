import { createDb, type Database } from '@rapport/db';
import { createTestBusiness, createTestUser, testDatabaseUrl } from '@rapport/db/testing';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { type Context, createContext } from '../context.ts';
import { createJobProducer } from '../jobs/producer.ts';
import { stripeProvider } from '../payments/stripe.ts';
import { createCaller } from '../root.ts';

export { createTestInvoice, sendTestInvoice } from './invoices.ts';
export { checkoutSessionEvent, signStripeEvent, testWebhookSecret } from './stripe-events.ts';

/** PAYMENTS_ENCRYPTION_KEY of every test context (32 bytes, base64); never a real key. */
export const TEST_PAYMENTS_ENCRYPTION_KEY = 'dGVzdC1wYXltZW50cy1rZXktMzItYnl0ZXMtbG9uZyE=';
export const TEST_ORIGIN = 'http://rapport.test';
/** Stripe at STRIPE_API_URL when a test sets it (a local fake); nothing here calls it otherwise. */
export const testPayments = () => ({
	encryptionKey: TEST_PAYMENTS_ENCRYPTION_KEY,
	provider: stripeProvider({ apiUrl: process.env.STRIPE_API_URL }),
});

/**
 * A caller signed in as `session` over the given connections: for tests that need their own
 * queue prefix or a database of their own (the harness's `signedIn` uses its own).
 */
export function callerFor(
	deps: Pick<Context, 'db' | 'jobs'> & Partial<Pick<Context, 'mail' | 'payments' | 'origin'>>,
	session: NonNullable<Context['session']>,
) {
	return createCaller(
		createContext({
			mail: { domain: 'rapport.test' },
			payments: testPayments(),
			origin: TEST_ORIGIN,
			...deps,
			session,
		}),
	);
}

/**
 * Real PostgreSQL and Redis for a test file: returns a factory of signed-in callers, each in a
 * business of its own, and closes the connections after the file.
 */
export function useHarness() {
	const db: Database = createDb(testDatabaseUrl());
	const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
		maxRetriesPerRequest: null,
		lazyConnect: true,
	});
	// Jobs of this file go to a queue prefix of its own; a worker started with it picks them up.
	const prefix = `test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
	const jobs = createJobProducer(redis, prefix);
	const mail = { domain: 'rapport.test', inboundDomain: 'in.rapport.test' };
	const payments = testPayments();
	const origin = TEST_ORIGIN;
	/** Businesses whose form key rotation was announced to the web processes. */
	const formKeyRotations: string[] = [];
	const events = {
		formKeyRotated: async (businessId: string) => {
			formKeyRotations.push(businessId);
		},
	};
	afterAll(async () => {
		await jobs.close();
		redis.disconnect();
		await db.destroy();
	});

	async function signedIn(overrides: Parameters<typeof createTestBusiness>[1] = {}) {
		const business = await createTestBusiness(db, overrides);
		const user = await createTestUser(db, business.id);
		const caller = createCaller(
			createContext({
				db,
				jobs,
				mail,
				events,
				payments,
				origin,
				session: { userId: user.id, businessId: business.id },
			}),
		);
		return { business, user, caller };
	}

	const anonymous = () => createCaller(createContext({ db, jobs, mail, session: null }));

	return { db, redis, jobs, prefix, mail, payments, origin, signedIn, anonymous, formKeyRotations };
}
