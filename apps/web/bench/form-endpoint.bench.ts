// The contact-form endpoint under load (validation + rate limit + durable enqueue), next to a
// bare Node HTTP server answering 202 on the same machine, in the same run. Then the latency at
// half that load, and whether ingestion keeps up (the backlog drains). Loopback only; bounded.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDb, insertBusiness } from '@rapport/db';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { memoryNodeArgs } from '../../../scripts/lib/memory.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const KEEP_UP_SECONDS = Number(process.env.BENCH_KEEP_UP_SECONDS ?? 60);
const web = fileURLToPath(new URL('../serve.js', import.meta.url));
const bare = fileURLToPath(new URL('./bare-server.mjs', import.meta.url));
const worker = fileURLToPath(new URL('../../worker/src/main.ts', import.meta.url));
const db = createDb(process.env.DATABASE_URL!);
const children: ChildProcess[] = [];
let businessId = '';

const storedCount = () =>
	db
		.selectFrom('messages')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('businessId', '=', businessId)
		.executeTakeFirstOrThrow()
		.then((row) => Number(row.n));

async function stopChildren() {
	await Promise.all(
		children.splice(0).map(
			(child) =>
				new Promise<void>((resolve) => {
					if (child.exitCode !== null || child.signalCode !== null) return resolve();
					child.once('exit', () => resolve());
					child.kill('SIGTERM');
				}),
		),
	);
}

const freePort = () =>
	new Promise<number>((resolve) => {
		const srv = createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});

/** Starts a child; ready when `readyUrl` answers 200, or at its first output line. */
async function start(args: string[], env: Record<string, string>, readyUrl?: string) {
	const child = spawn(process.execPath, args, {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	children.push(child);
	if (readyUrl) {
		for (let i = 0; i < 200; i++) {
			if (
				await fetch(readyUrl).then(
					(r) => r.ok,
					() => false,
				)
			)
				return child;
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error(`${readyUrl} did not come up`);
	}
	await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
	return child;
}

const body = JSON.stringify({
	name: 'Load Test',
	email: 'load@bench.test',
	message: 'Hello from the benchmark',
	budget: '500',
});
const load = (url: string, extra: Partial<autocannon.Options> = {}) =>
	autocannon({
		url,
		method: 'POST',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body,
		connections: CONNECTIONS,
		duration: SECONDS,
		...extra,
	});

try {
	const business = await insertBusiness(db, { name: `Bench: forms ${randomUUID().slice(0, 8)}` });
	businessId = business.id;

	const barePort = await freePort();
	const bareServer = await start([bare, String(barePort)], {});
	const ceiling = await load(`http://127.0.0.1:${barePort}/`);

	const port = await freePort();
	// Web and worker within the memory budget, as `npm start` runs them.
	await start(
		[...memoryNodeArgs(), web],
		{
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			BETTER_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-00',
			INBOUND_EMAIL_SECRET: 'bench-inbound-secret',
			PAYMENTS_ENCRYPTION_KEY: 'YmVuY2gtcGF5bWVudHMta2V5LTMyLWJ5dGVzLWxvbmc=',
			FORM_RATE_PER_IP_PER_MIN: '1000000000',
			FORM_RATE_PER_KEY_PER_MIN: '1000000000',
			LOG_LEVEL: 'warn',
		},
		`http://127.0.0.1:${port}/login`,
	);
	const endpoint = `http://127.0.0.1:${port}/api/forms/${business.formKey}`;
	const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
	const ingestQueue = new Queue('ingest', { connection: redis });
	// A job completes only after its row is committed, so the queue's length is the backlog.
	// Polling the queue is cheap; counting a million-row table every 100 ms was not, and it
	// slowed the very ingestion being measured.
	const backlog = async () =>
		Object.values(
			await ingestQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
		).reduce((a, b) => a + b, 0);
	// An interrupted earlier run can leave jobs behind in the bench's own Redis: they would be
	// ingested during this run's measurements.
	if ((await backlog()) > 0) await ingestQueue.obliterate({ force: true });
	const backlogBefore = await backlog();
	// The endpoint alone first (the worker is stopped: accepted submissions wait in the queue).
	const warm = await load(endpoint, { duration: 2 }); // JIT, connection pools
	const full = await load(endpoint);
	// The reference again right after: this machine's speed drifts between runs.
	const ceilingAfter = await load(`http://127.0.0.1:${barePort}/`);
	bareServer.kill();
	// autocannon paces a rate per connection per second, so each second starts with a burst (a
	// harsher load than steady arrivals). Its coordinated-omission correction assumes a 1 ms
	// interval whatever the rate, which would invent samples; the raw response times are kept.
	const half = await load(endpoint, {
		overallRate: Math.max(1, Math.floor(full.requests.average / 2)),
		ignoreCoordinatedOmission: true,
	});

	// Then the worker: the backlog of everything accepted so far drains...
	const accepted = warm['2xx'] + full['2xx'] + half['2xx'];
	// The endpoint queues what it accepts within one event-loop turn as one job.
	const jobsQueued = (await backlog()) - backlogBefore;
	const untilDrained = async () => {
		const started = performance.now();
		for (let i = 0; i < 6000 && (await backlog()) > 0; i++) {
			await new Promise((r) => setTimeout(r, 20));
		}
		return (performance.now() - started) / 1000;
	};
	await start([...memoryNodeArgs(), worker], { SMTP_URL: 'smtp://127.0.0.1:1', LOG_LEVEL: 'info' });
	const drainSeconds = await untilDrained(); // from the worker's first log line
	const stored = await storedCount();

	// ...and with endpoint and worker running together at full load for a minute, the backlog
	// stays bounded and is gone within seconds of the load stopping.
	const samples: number[] = [];
	const sampler = setInterval(() => void backlog().then((n) => samples.push(n)), 1000);
	const together = await load(endpoint, { duration: KEEP_UP_SECONDS });
	clearInterval(sampler);
	const backlogAtEnd = await backlog();
	const tailSeconds = await untilDrained();
	await ingestQueue.close();
	redis.disconnect();
	const storedTogether = (await storedCount()) - stored;
	const keepsUp = tailSeconds < 5 && storedTogether >= together['2xx'];

	const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 0 });
	const ceilingRate = (ceiling.requests.average + ceilingAfter.requests.average) / 2;
	const ratio = (full.requests.average / ceilingRate) * 100;
	console.log(
		`\nContact-form endpoint, ${CONNECTIONS} connections, ${SECONDS} s per run (load generator on the same 2 cores)`,
	);
	console.log(
		`  POST /api/forms/{key} accepted     ${fmt(full.requests.average).padStart(8)} req/s  p99 ${full.latency.p99} ms  (non-2xx: ${full.non2xx})`,
	);
	console.log(
		`  bare Node http answering 202       ${fmt(ceilingRate).padStart(8)} req/s  p99 ${ceiling.latency.p99} ms  (reference, same run: ${fmt(ceiling.requests.average)} before, ${fmt(ceilingAfter.requests.average)} after)`,
	);
	console.log(`  ratio: ${ratio.toFixed(0)} % of bare Node (target ≥ 30 %)`);
	console.log(
		`  at half that load (${fmt(full.requests.average / 2)} req/s): p99 ${half.latency.p99} ms (target ≤ 50 ms)`,
	);
	console.log(
		`  queued as ${fmt(jobsQueued)} jobs for ${fmt(accepted)} accepted submissions (${(accepted / Math.max(1, jobsQueued)).toFixed(1)} per job)`,
	);
	console.log(
		`  ingestion, worker started after the runs: ${fmt(stored)} of ${fmt(accepted)} accepted submissions stored in ${drainSeconds.toFixed(1)} s = ${fmt(stored / drainSeconds)} /s`,
	);
	console.log(
		`  endpoint and worker together, ${KEEP_UP_SECONDS} s at full load: ${fmt(together.requests.average)} req/s accepted, ${fmt(storedTogether / KEEP_UP_SECONDS)} /s stored; backlog max ${fmt(Math.max(0, ...samples))}, ${fmt(backlogAtEnd)} at the end, drained ${tailSeconds.toFixed(1)} s later (keeps up: ${keepsUp ? 'yes' : 'no'})`,
	);
	await stopChildren();
	await db.deleteFrom('businesses').where('id', '=', business.id).execute();
} finally {
	await stopChildren();
	await db.destroy();
}
