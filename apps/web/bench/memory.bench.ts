// The web process's resident memory (RSS), idle and under a sustained load of signed-in page
// requests (the customer list and a customer's Messages tab), next to the per-process budget.
// The server gets the same Node flags as `npm start` (scripts/lib/memory.mjs). Loopback only.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDb } from '@rapport/db';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { memoryBudgetMb, memoryNodeArgs, rssSampler } from '../../../scripts/lib/memory.mjs';

const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 40);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const web = fileURLToPath(new URL('../serve.js', import.meta.url));
const db = createDb(process.env.DATABASE_URL!);
const budget = memoryBudgetMb();
const nodeArgs = memoryNodeArgs();

const freePort = () =>
	new Promise<number>((resolve) => {
		const srv = createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});

const port = await freePort();
const origin = `http://localhost:${port}`;
const child = spawn(process.execPath, [...nodeArgs, web], {
	stdio: ['ignore', 'ignore', 'inherit'],
	env: {
		...process.env,
		PORT: String(port),
		ORIGIN: origin,
		BETTER_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-00',
		INBOUND_EMAIL_SECRET: 'bench-inbound-secret',
		PAYMENTS_ENCRYPTION_KEY: 'YmVuY2gtcGF5bWVudHMta2V5LTMyLWJ5dGVzLWxvbmc=',
		LOGIN_ATTEMPTS_PER_15_MIN: '1000000',
		LOG_LEVEL: 'warn',
	},
});
const exited = new Promise((resolve) => child.once('exit', resolve));
let businessId: string | undefined;
try {
	const base = `http://127.0.0.1:${port}`;
	for (let i = 0; ; i++) {
		if (
			await fetch(`${base}/login`).then(
				(r) => r.ok,
				() => false,
			)
		)
			break;
		if (i > 300) throw new Error('the web server did not come up');
		await new Promise((r) => setTimeout(r, 100));
	}
	// A business signed up through the real form; its session cookie drives the load.
	const email = `bench-${randomUUID().slice(0, 8)}@bench.test`;
	const signup = await fetch(`${base}/signup`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
		body: new URLSearchParams({
			businessName: 'Bench: memory',
			email,
			password: 'bench-password-1',
		}),
	});
	const cookie = signup.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	if (signup.status !== 303 || !cookie) throw new Error(`sign-up answered ${signup.status}`);
	const business = await db
		.selectFrom('users')
		.select('businessId')
		.where('email', '=', email)
		.executeTakeFirstOrThrow();
	businessId = business.businessId;
	// 200 customers (a full first page and more) and one with 2,000 messages.
	await sql`insert into customers (business_id, name, email)
		select ${businessId}::uuid, 'Customer ' || g, 'c' || g || '@bench.test' from generate_series(1, 200) g`.execute(
		db,
	);
	const customer = await db
		.selectFrom('customers')
		.select('id')
		.where('businessId', '=', businessId)
		.where('email', '=', 'c1@bench.test')
		.executeTakeFirstOrThrow();
	await sql`insert into messages (business_id, customer_id, direction, channel, subject, body, sender_email, created_at)
		select ${businessId}::uuid, ${customer.id}::uuid, case when g % 2 = 0 then 'inbound' else 'outbound' end,
			'email', 'Subject ' || g, repeat('Hello, this is message ' || g || '. ', 20), 'c1@bench.test',
			now() - make_interval(secs => g * 60)
		from generate_series(1, 2000) g`.execute(db);

	const pages = ['/customers', `/customers/${customer.id}/messages`];
	for (const path of pages) {
		const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
		if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
	}
	await new Promise((r) => setTimeout(r, 2000));
	const rss = rssSampler(child.pid!);
	const idle = await rss.now();
	rss.start();
	const load = await autocannon({
		url: base,
		connections: CONNECTIONS,
		duration: SECONDS,
		headers: { cookie },
		requests: pages.map((path) => ({ method: 'GET', path })),
	});
	const peak = rss.stop();
	const after = await rss.now();
	const mb = (n: number) => `${n.toFixed(0).padStart(5)} MB`;
	const verdict = (n: number) => (n <= budget ? 'within' : 'OVER');
	console.log(
		`\nWeb process memory (RSS), ${SECONDS} s of signed-in page loads, ${CONNECTIONS} connections (node ${nodeArgs.join(' ')})`,
	);
	console.log(
		`  load: /customers + a customer's Messages tab, ${load.requests.average.toFixed(0)} req/s, p99 ${load.latency.p99} ms, non-2xx ${load.non2xx}, errors ${load.errors}`,
	);
	console.log(`  idle (signed in, pages warmed)   ${mb(idle)}   target ≤ ${budget} MB`);
	console.log(`  peak during the load             ${mb(peak)}   ${verdict(peak)} the target`);
	console.log(`  right after the load             ${mb(after)}   ${verdict(after)} the target`);
} finally {
	child.kill('SIGTERM');
	await exited;
	if (businessId) await db.deleteFrom('businesses').where('id', '=', businessId).execute();
	await db.destroy();
}
