import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { memoryNodeArgs } from '../../scripts/lib/memory.mjs';

const port = Number(process.env.E2E_PORT ?? 4173);
// The SMTP sink the worker sends to, and its JSON API the tests read.
export const smtpPort = port + 1;
export const mailApiPort = port + 2;
// The fake Stripe API the web server's checkouts go to (STRIPE_API_URL); tests read it too.
export const fakeStripePort = port + 3;
const baseURL = `http://localhost:${port}`;
const results = process.env.TEST_RESULTS_DIR;
// The servers run within the per-process memory budget, as `npm start` runs them.
const node = ['node', ...memoryNodeArgs()].join(' ');
const env = {
	DATABASE_URL: process.env.DATABASE_URL ?? '',
	REDIS_URL: process.env.REDIS_URL ?? '',
	ORIGIN: baseURL,
	PORT: String(port),
	BETTER_AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
	INBOUND_EMAIL_SECRET: 'e2e-inbound-secret',
	// A fixed test key (32 bytes, base64): never used for real secrets.
	PAYMENTS_ENCRYPTION_KEY: 'ZTJlLXBheW1lbnRzLWtleS0zMi1ieXRlcy1sb25nISE=',
	LOG_LEVEL: 'warn',
	SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
	MAIL_FROM: 'Rapport E2E <billing@rapport.test>',
	STRIPE_API_URL: `http://127.0.0.1:${fakeStripePort}`,
};
/** For tests that start a web server of their own (shutdown.test.ts). */
export const webServerEnv = env;

export default defineConfig({
	testDir: 'e2e',
	fullyParallel: true,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: results
		? [['list'], ['json', { outputFile: join(results, 'playwright-web.json') }]]
		: [['list']],
	use: {
		baseURL,
		trace: 'retain-on-failure',
		// Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network.
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		},
	},
	webServer: [
		{
			command: `node ../../packages/api/src/testing/fake-stripe-server.ts --port ${fakeStripePort}`,
			stdout: 'pipe',
			reuseExistingServer: false,
			wait: { stdout: /fake stripe listening/ },
		},
		{
			command: `node ../worker/src/testing/smtp-sink-server.ts ${smtpPort} ${mailApiPort}`,
			url: `http://127.0.0.1:${mailApiPort}/email`,
			reuseExistingServer: false,
		},
		{
			command: `${node} ../worker/src/main.ts`,
			env: { ...env, LOG_LEVEL: 'info' },
			stdout: 'pipe',
			reuseExistingServer: false,
			wait: { stdout: /worker started/ },
		},
		{
			command: `${node} serve.js`,
			env,
			url: `${baseURL}/login`,
			reuseExistingServer: false,
			timeout: 30_000,
		},
	],
});
