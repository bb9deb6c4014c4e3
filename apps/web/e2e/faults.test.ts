import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
	type Child,
	type FaultPostgres,
	freePort,
	scratchDir,
	startPostgres,
	startRedis,
	startWeb,
	startWorker,
	waitFor,
} from './fault-services.ts';

// Kills and restarts its own PostgreSQL, Redis, worker and web server (never the shared ones):
// no acknowledged submission may be lost or stored twice, and web and worker outlive the
// database restart. Only `fetch`, no browser.
test.describe.configure({ mode: 'serial' });

let scratch: ReturnType<typeof scratchDir> | undefined;
let postgres: FaultPostgres | undefined;
let redisServer: Child | undefined;
let redisUrl = '';
let web: Child | undefined;
let webUrl = '';
const workers: Child[] = [];
let redis: Redis | undefined;
let ingest: Queue | undefined;
let formKey = '';

const workerEnv = () => ({
	DATABASE_URL: postgres!.url,
	REDIS_URL: redisUrl,
	// Short lock: a killed worker's jobs are taken up again about a second later.
	WORKER_LOCK_DURATION_MS: '1000',
});

/** Each worker names its database connections, so the test sees which one waits where. */
async function launchWorker() {
	const worker = startWorker({ ...workerEnv(), PGAPPNAME: `fault-worker-${workers.length}` });
	workers.push(worker);
	await waitFor(() => worker.output().includes('worker started'), 30_000, worker.output);
	return worker;
}

async function query<T>(text: string, values: unknown[] = []) {
	const client = new pg.Client({ connectionString: postgres!.url });
	await client.connect();
	try {
		return (await client.query(text, values)).rows as T[];
	} finally {
		await client.end();
	}
}

test.beforeAll(async () => {
	test.setTimeout(60_000);
	scratch = scratchDir();
	postgres = await startPostgres(scratch.dir);
	const r = await startRedis(scratch.dir);
	redisServer = r.child;
	redisUrl = r.url;
	redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
	ingest = new Queue('ingest', { connection: redis });
	await launchWorker(); // migrates the new database
	const port = await freePort();
	webUrl = `http://127.0.0.1:${port}`;
	web = startWeb({
		DATABASE_URL: postgres.url,
		REDIS_URL: redisUrl,
		PORT: String(port),
		ORIGIN: webUrl,
	});
	await waitFor(
		async () => (await fetch(`${webUrl}/healthz`)).status === 200,
		30_000,
		() => web!.output(),
	);
	formKey = randomBytes(12).toString('base64url');
	await query(
		`insert into businesses (name, form_key, inbound_local_part) values ('Fault Florist', $1, $2)`,
		[formKey, `fault-${randomBytes(4).toString('hex')}`],
	);
});

test.afterAll(async () => {
	await ingest?.close().catch(() => {});
	redis?.disconnect();
	for (const child of [web, ...workers]) await child?.kill();
	await postgres?.stop();
	await redisServer?.kill();
	scratch?.remove();
});

test('every accepted submission is stored exactly once across worker kills and a PostgreSQL restart', async () => {
	test.setTimeout(60_000);
	const accepted: string[] = [];
	let n = 0;
	const post = async () => {
		const i = n++;
		const res = await fetch(`${webUrl}/api/forms/${formKey}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				email: `visitor-${i}@example.test`,
				name: `Visitor ${i}`,
				message: `Hello ${i}`,
			}),
		}).catch(() => null);
		if (res?.status === 202) accepted.push(((await res.json()) as { id: string }).id);
		return res?.status ?? 0;
	};
	const postMany = (count: number) => Promise.all(Array.from({ length: count }, post));
	const storedIds = async () =>
		(
			await query<{ source_id: string }>(`select source_id from messages where channel = 'form'`)
		).map((r) => r.source_id);

	// A slow database: the messages table is locked, so the worker's writes wait mid-job.
	const blocker = new pg.Client({ connectionString: postgres!.url });
	blocker.on('error', () => {}); // the immediate restart below ends this connection
	await blocker.connect();
	await blocker.query('begin');
	await blocker.query('lock table messages in access exclusive mode');
	// Mid-job: the newest worker holds a job already killed `kills` times, and its write waits
	// on the lock.
	const midJob = (kills: number) => async () =>
		(await ingest!.getActive()).some((job) => job.stalledCounter === kills) &&
		(
			await query(
				`select 1 from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'`,
				[`fault-worker-${workers.length - 1}`],
			)
		).length > 0;

	expect(new Set(await postMany(10))).toEqual(new Set([202]));
	for (let kill = 0; kill < 2; kill++) {
		const worker = workers.at(-1)!;
		await waitFor(midJob(kill), 20_000, worker.output);
		await worker.kill();
		await postMany(5);
		await launchWorker();
	}
	await waitFor(midJob(2), 20_000, workers.at(-1)!.output);

	// PostgreSQL restarts under the running worker and web server (neither is restarted).
	const during = postMany(5);
	await postgres!.restart();
	await during;
	const survivor = workers.at(-1)!;
	const alive = (child: Child) =>
		child.process.exitCode === null && child.process.signalCode === null;
	expect(alive(survivor)).toBe(true);
	expect(alive(web!)).toBe(true);

	await expect
		.poll(async () => (await fetch(`${webUrl}/healthz`).catch(() => null))?.status, {
			timeout: 20_000,
		})
		.toBe(200);
	expect(new Set(await postMany(5))).toEqual(new Set([202]));

	await expect
		.poll(
			async () => {
				const stored = new Set(await storedIds());
				return accepted.filter((id) => !stored.has(id)).length;
			},
			{ timeout: 30_000 },
		)
		.toBe(0);
	const stored = await storedIds();
	expect(stored.length).toBe(accepted.length);
	expect(new Set(stored)).toEqual(new Set(accepted));
	// The first submissions' jobs really were active through both kills.
	const completed = await ingest!.getCompleted();
	expect(Math.max(...completed.map((job) => job.stalledCounter))).toBe(2);
	expect(await ingest!.getFailedCount()).toBe(0);
	expect(alive(survivor)).toBe(true);
	expect(alive(web!)).toBe(true);
	await blocker.end().catch(() => {});
});
