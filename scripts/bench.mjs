// `pnpm bench` / `npm run bench`: every benchmark, each figure printed next to a reference
// measured in the same run. Services run in .data/bench (the 1,000,000-message data set is
// seeded once and kept). Load goes to loopback only; every run is bounded in time.
import { fileURLToPath } from 'node:url';
import { log, pnpmInstall, run } from './lib/proc.mjs';
import { startServices } from './services.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let services;
try {
	await pnpmInstall(root);
	services = await startServices({ profile: 'bench' });
	const env = { ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl };
	await run('node', ['packages/db/src/bin/migrate.ts'], { cwd: root, env });
	log('building the web app');
	await run('pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, env });

	log('benchmark: invoice rendering');
	await run('node', ['apps/worker/bench/render.bench.ts'], { cwd: root, env });
	log('benchmark: Messages tab with 1,000,000 messages');
	await run('node', ['apps/worker/bench/messages-page.bench.ts'], { cwd: root, env });
	log('benchmark: open balances and the Invoices overview at 100,000 customers');
	await run('node', ['apps/worker/bench/balances.bench.ts'], { cwd: root, env });
	log('benchmark: customer search at 100,000 customers');
	await run('node', ['apps/worker/bench/customer-search.bench.ts'], { cwd: root, env });
	log('benchmark: contact-form ingestion');
	await run('node', ['apps/worker/bench/ingest.bench.ts'], { cwd: root, env });
	log('benchmark: contact-form endpoint');
	await run('node', ['apps/web/bench/form-endpoint.bench.ts'], { cwd: root, env });
	log('benchmark: web process memory under page load');
	await run('node', ['apps/web/bench/memory.bench.ts'], { cwd: root, env });
	log('benchmark: worker process memory through an ingestion burst');
	await run('node', ['apps/worker/bench/memory.bench.ts'], { cwd: root, env });
} catch (error) {
	console.error(`[rapport] ${error.message}`);
	process.exitCode = 1;
} finally {
	await services?.stop();
}
