import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { createJobProducer, parseJobPayload } from '@rapport/api/jobs';
import { createDb } from '@rapport/db';
import { testDatabaseUrl } from '@rapport/db/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createFormIntake, type FormIntake } from './intake.ts';
import { createFormRateLimiter } from './rate-limit.ts';

/** A loopback port with nothing listening: a Redis that is down. */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** A web-style Redis client (no offline queue), connected. */
export async function producerRedis(url = process.env.REDIS_URL!) {
	const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
	redis.on('error', () => {});
	if (redis.status !== 'ready') {
		await new Promise((resolve) => redis.once('ready', resolve));
	}
	return redis;
}

/**
 * The endpoint's real dependencies on the test PostgreSQL and Redis, with a queue prefix of
 * its own so no other worker takes these jobs.
 */
export async function intakeHarness(limits = { perIpPerMin: 10_000, perKeyPerMin: 10_000 }) {
	const db = createDb(testDatabaseUrl());
	const redis = await producerRedis();
	const prefix = `test-forms-${randomUUID().slice(0, 8)}`;
	const jobs = createJobProducer(redis, prefix);
	const limiter = createFormRateLimiter(redis, limits);
	const intake = createFormIntake({ db, redis, jobs, limiter });
	const queue = new Queue('ingest', { connection: redis, prefix });
	return {
		db,
		redis,
		prefix,
		intake,
		queue,
		/** Submissions waiting for a worker, for one business, whichever jobs carry them. */
		async queued(businessId: string) {
			const jobs = await queue.getJobs(['waiting', 'prioritized', 'delayed']);
			return jobs
				.flatMap((j) => parseJobPayload('ingest-form-submissions', j.data).submissions)
				.filter((submission) => submission.businessId === businessId);
		},
		async close() {
			await queue.close();
			await jobs.close();
			redis.disconnect();
			await db.destroy();
		},
	};
}

export interface PostOptions {
	headers?: Record<string, string>;
	ip?: string;
}

/** Sends one request to the endpoint handler the way SvelteKit would. */
export function post(
	intake: FormIntake,
	formKey: string,
	body: BodyInit | null,
	{ headers = {}, ip = `10.${Math.floor(Math.random() * 250)}.0.1` }: PostOptions = {},
) {
	const request = new Request(`http://localhost/api/forms/${formKey}`, {
		method: 'POST',
		body,
		headers,
		...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
	} as RequestInit);
	return intake.handle(request, { formKey, clientAddress: ip });
}

export const urlencoded = (fields: Record<string, string>) => new URLSearchParams(fields);
