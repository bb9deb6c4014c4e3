import { type ChildProcess, spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { WORKER_HEARTBEAT_KEY } from '@rapport/api/jobs';
import { Redis } from 'ioredis';
import { webServerEnv } from '../playwright.config.ts';
import { type Child, freePort, startWeb, waitFor } from './fault-services.ts';

// A Redis of the test's own goes away and comes back on the same port under a running web
// server: /healthz says 503 meanwhile and 200 again without a restart, and the outage is logged
// once per connection as JSON (no stack traces). Only fetch, no browser.

let redisPort = 0;
let redisServer: ChildProcess | undefined;
let web: Child | undefined;

async function startRedis() {
	redisServer = spawn(
		'redis-server',
		['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore' },
	);
	// The worker's heartbeat, so that Redis is the only thing /healthz can miss.
	await waitFor(async () => {
		const client = new Redis(redisPort, '127.0.0.1', {
			lazyConnect: true,
			retryStrategy: () => null,
		});
		client.on('error', () => {});
		try {
			await client.connect();
			return (await client.set(WORKER_HEARTBEAT_KEY, new Date().toISOString())) === 'OK';
		} finally {
			client.disconnect();
		}
	}, 10_000);
}

async function stopRedis() {
	const server = redisServer;
	if (!server || server.exitCode !== null) return;
	const exited = new Promise((resolve) => server.once('exit', resolve));
	server.kill('SIGTERM');
	await exited;
}

test.afterAll(async () => {
	await web?.kill();
	await stopRedis();
});

test('/healthz is 503 while Redis is down and 200 again once it is back', async () => {
	test.setTimeout(60_000);
	redisPort = await freePort();
	await startRedis();
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	web = startWeb({
		...webServerEnv,
		REDIS_URL: `redis://127.0.0.1:${redisPort}`,
		PORT: String(port),
		ORIGIN: `http://localhost:${port}`,
		LOG_LEVEL: 'info',
	});
	// Kept apart: web.output() holds only the latest output, and requests are logged too.
	const outages: string[] = [];
	let stderr = '';
	web.process.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	let pending = '';
	web.process.stdout!.on('data', (chunk: Buffer) => {
		const lines = (pending + chunk.toString()).split('\n');
		pending = lines.pop()!;
		for (const line of lines)
			if (line.includes('"connection":"web"'))
				outages.push((JSON.parse(line) as { msg: string }).msg);
	});
	const health = async () => {
		const res = await fetch(`${base}/healthz`).catch(() => null);
		if (!res) return { http: 0 };
		const body = (await res.json()) as { redis: string; database: string };
		return { http: res.status, redis: body.redis, database: body.database };
	};
	await expect.poll(health, { timeout: 30_000 }).toMatchObject({ http: 200 });

	await stopRedis();
	await expect.poll(health, { timeout: 20_000 }).toMatchObject({ http: 503, redis: 'down' });
	// Still serving pages meanwhile.
	expect((await fetch(`${base}/login`)).status).toBe(200);
	// Logged once however many reconnection attempts fail (log lines arrive asynchronously).
	await expect.poll(() => outages).toEqual(['redis down']);

	await startRedis();
	await expect
		.poll(health, { timeout: 20_000 })
		.toMatchObject({ http: 200, redis: 'ok', database: 'ok' });
	expect(web.process.exitCode).toBeNull();

	await expect.poll(() => outages).toEqual(['redis down', 'redis back']);
	expect(stderr).not.toMatch(/^\s+at /m);
	expect(stderr).not.toContain('Unhandled error event');
});
