import { expect, test } from '@playwright/test';
import { webServerEnv } from '../playwright.config.ts';
import { type Child, freePort, startWeb, waitFor } from './fault-services.ts';
import { uniqueEmail } from './helpers.ts';

// A web server of the test's own (shared test database and Redis) gets SIGTERM under load, as in
// a rolling restart: whatever was asked before the signal is answered, open event streams end,
// and the process exits by itself with 0 (serve.js exits 1 when it had to cut requests off).
// Only fetch, no browser.

let web: Child | undefined;
test.afterAll(async () => {
	await web?.kill();
});

type Outcome = { status?: number; error?: string; endedAfterSignal?: boolean };

test('SIGTERM under load: every request started before it completes, then a clean exit', async () => {
	test.setTimeout(60_000);
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const origin = `http://localhost:${port}`;
	web = startWeb({ ...webServerEnv, PORT: String(port), ORIGIN: origin, LOG_LEVEL: 'warn' });
	await waitFor(async () => (await fetch(`${base}/login`)).ok, 30_000, web.output);

	const signup = await fetch(`${base}/signup`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
		body: new URLSearchParams({
			businessName: 'Shutdown Florist',
			email: uniqueEmail('shutdown'),
			password: 'correct-horse-battery',
		}),
	});
	expect(signup.status).toBe(303);
	const cookie = signup.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');

	// A live-events stream: it would otherwise hold the shutdown for its whole bound.
	const events = await fetch(`${base}/api/events`, { headers: { cookie } });
	expect(events.status).toBe(200);
	const reader = events.body!.getReader();
	await reader.read(); // the `retry:` preamble
	const streamEnd = (async () => {
		try {
			while (!(await reader.read()).done);
			return 'ended';
		} catch (error) {
			return `broken: ${(error as Error).message}`;
		}
	})();

	// Loops start no request once the signal is sent: every outcome is of one started before it.
	let signalled = false;
	const outcomes: Outcome[] = [];
	const paths = ['/customers', '/login', '/customers?q=nobody', '/settings'];
	const loop = async (n: number) => {
		for (let i = n; !signalled; i++) {
			const outcome: Outcome = {};
			outcomes.push(outcome);
			try {
				const res = await fetch(`${base}${paths[i % paths.length]}`, {
					headers: { cookie },
					redirect: 'manual',
				});
				await res.arrayBuffer();
				outcome.status = res.status;
			} catch (error) {
				outcome.error = String((error as Error).cause ?? error);
			}
			outcome.endedAfterSignal = signalled;
		}
	};
	const loops = Array.from({ length: 12 }, (_, n) => loop(n));
	await waitFor(() => outcomes.filter((o) => o.status).length >= 60, 30_000, web.output);
	signalled = true;
	web.process.kill('SIGTERM');
	await Promise.all(loops);
	await web.exited;

	const failed = outcomes.filter((o) => o.error || (o.status ?? 500) >= 500);
	expect(failed, web.output()).toEqual([]);
	// The signal really came mid-load: some requests were still running when it arrived.
	expect(outcomes.filter((o) => o.endedAfterSignal).length).toBeGreaterThan(0);
	expect(await streamEnd).toBe('ended');
	expect(web.process.exitCode, web.output()).toBe(0);
});
