import { type JobProducer, watchRedis } from '@rapport/api/jobs';
import { type Database, findBusinessIdByFormKey } from '@rapport/db';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WebEnv } from '../env.ts';
import { createFormKeyCache } from './form-key-cache.ts';
import { createFormIntake } from './intake.ts';
import { createFormRateLimiter } from './rate-limit.ts';

/** The contact-form intake with its rate limits and form-key cache, over shared connections. */
export function createCachedFormIntake(
	env: WebEnv,
	shared: { db: Database; redis: Redis; jobs: JobProducer; log: Logger },
) {
	const limiter = createFormRateLimiter(shared.redis, {
		perIpPerMin: env.FORM_RATE_PER_IP_PER_MIN,
		perKeyPerMin: env.FORM_RATE_PER_KEY_PER_MIN,
	});
	const subscriber = watchRedis(
		new Redis(env.REDIS_URL, { maxRetriesPerRequest: null }),
		shared.log,
		'form-key-rotations',
	);
	const formKeys = createFormKeyCache({
		lookup: (formKey) => findBusinessIdByFormKey(shared.db, formKey),
		subscriber,
	});
	return { intake: createFormIntake({ ...shared, formKeys, limiter }), formKeys };
}
