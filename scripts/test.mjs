// `npm test`: services (separate test database), checks, unit + integration tests, then
// end-to-end tests in Chromium against a production build. Prints one totals line at the end.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, log, pnpmInstall, run, runStatus } from './lib/proc.mjs';
import { startServices } from './services.mjs';
import { ensureDebianPackages } from './system-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = join(root, '.data/test/results');
let services;

async function recreateDatabase(databaseUrl) {
	const url = new URL(databaseUrl);
	const name = url.pathname.slice(1);
	url.pathname = '/postgres';
	// A fresh database per run: tests isolate by data, but nothing from an earlier run lingers.
	await run('psql', [
		url.toString(),
		'-q',
		'-v',
		'ON_ERROR_STOP=1',
		'-c',
		`drop database if exists "${name}" with (force)`,
		'-c',
		`create database "${name}"`,
	]);
}

/** Sums Vitest and Playwright JSON reports into passed/failed/skipped. */
function totals() {
	const sum = { passed: 0, failed: 0, skipped: 0 };
	if (!existsSync(results)) return sum;
	for (const file of readdirJson(results)) {
		const report = JSON.parse(readFileSync(file, 'utf8'));
		if ('numPassedTests' in report) {
			sum.passed += report.numPassedTests;
			sum.failed += report.numFailedTests;
			sum.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
		} else if (report.stats) {
			sum.passed += report.stats.expected + (report.stats.flaky ?? 0);
			sum.failed += report.stats.unexpected;
			sum.skipped += report.stats.skipped;
		}
	}
	return sum;
}

function readdirJson(dir) {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.map((f) => join(dir, f));
}

let failed = false;
try {
	await ensureDebianPackages([
		{ pkg: 'chromium', bin: '/usr/bin/chromium' },
		{ pkg: 'poppler-utils', bin: 'pdftotext' },
		{ pkg: 'postgresql-client', bin: 'psql' },
	]);
	await pnpmInstall(root);
	services = await startServices({ profile: 'test' });
	await recreateDatabase(services.databaseUrl);
	rmSync(results, { recursive: true, force: true });
	mkdirSync(results, { recursive: true });

	const env = {
		...process.env,
		DATABASE_URL: services.databaseUrl,
		REDIS_URL: services.redisUrl,
		TEST_RESULTS_DIR: results,
		CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		E2E_PORT: String(await freePort()),
	};
	log('migrating the test database');
	await run('node', ['packages/db/src/bin/migrate.ts'], { cwd: root, env });

	log('type checks and lint');
	const check = await runStatus('pnpm', ['turbo', 'run', 'check', '--output-logs=errors-only'], {
		cwd: root,
		env,
	});
	if (check !== 0) failed = true;
	const lint = await runStatus('pnpm', ['exec', 'biome', 'check', '.'], { cwd: root, env });
	if (lint !== 0) failed = true;
	// STYLE.md's layering that types cannot see: who may write rows, tRPC-free use cases.
	const layers = await runStatus('node', ['scripts/check-layers.mjs'], { cwd: root, env });
	if (layers !== 0) failed = true;

	log('unit and integration tests');
	if (
		(await runStatus('pnpm', ['turbo', 'run', 'test', '--concurrency=1', '--continue'], {
			cwd: root,
			env,
		})) !== 0
	)
		failed = true;
	// scripts/ is not a workspace package: its tests run from the root config (vitest.config.ts).
	if ((await runStatus('pnpm', ['exec', 'vitest', 'run'], { cwd: root, env })) !== 0) failed = true;

	log('end-to-end tests (Chromium)');
	if (
		(await runStatus('pnpm', ['turbo', 'run', 'test:e2e', '--output-logs=full'], {
			cwd: root,
			env,
		})) !== 0
	)
		failed = true;
	if (check !== 0 || lint !== 0 || layers !== 0)
		console.error('[rapport] type check, lint or layer check failed (see above)');
} catch (error) {
	console.error(`[rapport] ${error.message}`);
	failed = true;
} finally {
	await services?.stop();
}

const { passed, failed: failedTests, skipped } = totals();
console.log(`${passed} passed, ${failedTests} failed, ${skipped} skipped`);
process.exit(failed || failedTests > 0 ? 1 : 0);
