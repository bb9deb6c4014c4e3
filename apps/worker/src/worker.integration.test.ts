import { randomUUID } from 'node:crypto';
import { createJobProducer, WORKER_HEARTBEAT_KEY } from '@rapport/api/jobs';
import { createDb } from '@rapport/db';
import { createTestBusiness, createTestUser, testDatabaseUrl } from '@rapport/db/testing';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer } from './email/mailer.ts';
import { loadEmailTemplates } from './email/templates.ts';
import { startWorkers } from './worker.ts';

const db = createDb(testDatabaseUrl());
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
// A queue prefix of its own keeps this file's jobs apart from any other test or process.
const prefix = `test-${randomUUID().slice(0, 8)}`;

afterAll(async () => {
	await connection.quit();
	await db.destroy();
});

async function insertSession(userId: string, expiresAt: Date) {
	const id = randomUUID();
	await db
		.insertInto('sessions')
		.values({ id, userId, token: randomUUID(), expiresAt, ipAddress: null, userAgent: null })
		.execute();
	return id;
}

describe('worker', () => {
	it('runs queued jobs, beats its heartbeat and stops cleanly', async () => {
		const business = await createTestBusiness(db);
		const user = await createTestUser(db, business.id);
		const expired = await insertSession(user.id, new Date(Date.now() - 60_000));
		const live = await insertSession(user.id, new Date(Date.now() + 60_000));

		const workers = await startWorkers({
			connection,
			deps: {
				db,
				log: pino({ level: 'silent' }),
				mailer: createMailer('smtp://127.0.0.1:1', 'Test <t@rapport.test>'),
				templates: loadEmailTemplates(),
				origin: 'http://localhost',
				mailDomain: 'rapport.test',
			},
			concurrency: 2,
			prefix,
			schedules: false,
		});
		expect(await connection.get(WORKER_HEARTBEAT_KEY)).toBeTruthy();

		const events = new QueueEvents('maintenance', { connection: connection.duplicate(), prefix });
		await events.waitUntilReady();
		const producer = createJobProducer(connection, prefix);
		const done = new Promise<void>((resolve) =>
			events.on('completed', ({ jobId }) => jobId === 'purge-now' && resolve()),
		);
		await producer.enqueue('purge-expired-sessions', {}, { jobId: 'purge-now' });
		await done;

		const ids = (
			await db.selectFrom('sessions').select('id').where('id', 'in', [expired, live]).execute()
		).map((r) => r.id);
		expect(ids).toEqual([live]);

		await producer.close();
		await events.close();
		await workers.close();
	});

	it('rejects payloads that break the job contract before they reach the queue', async () => {
		const producer = createJobProducer(connection, prefix);
		// @ts-expect-error: the contract says this job takes an object
		await expect(producer.enqueue('purge-expired-sessions', 'oops')).rejects.toThrow();
		await producer.close();
	});
});
