// `npm start`: services, migrations, demo data, build, then web + worker + mail catcher,
// restarted when they die (lib/supervisor.mjs) until Ctrl-C or SIGTERM.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryNodeArgs } from './lib/memory.mjs';
import { freePort, log, pnpmInstall, run, waitForHttp } from './lib/proc.mjs';
import { localSecrets } from './lib/secrets.mjs';
import { createSupervisor } from './lib/supervisor.mjs';
import { startServices } from './services.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const supervisor = createSupervisor();
let services;
let stopping = null;

/** Stops children, then services; exits non-zero if the run or the stop had a failure. */
function stopAll(failed = false) {
	stopping ??= (async () => {
		log('stopping…');
		const { ok, problems } = await supervisor.stop();
		let servicesOk = true;
		try {
			await services?.stop();
		} catch (error) {
			servicesOk = false;
			console.error(`[rapport] stopping PostgreSQL/Redis failed: ${error.message}`);
		}
		for (const problem of problems) console.error(`[rapport] ${problem}`);
		const code = failed || !ok || !servicesOk ? 1 : 0;
		log(code === 0 ? 'stopped' : 'stopped, with failures (see above)');
		process.exit(code);
	})();
	return stopping;
}
// Ctrl-C in a terminal arrives twice (terminal + bootstrap.mjs forwarding it): stopAll is idempotent.
process.on('SIGINT', () => void stopAll());
process.on('SIGTERM', () => void stopAll());

const startChild = (name, cmd, args, env) =>
	supervisor.start(name, cmd, args, { cwd: root, env: { ...process.env, ...env } });

try {
	await pnpmInstall(root);
	services = await startServices({ profile: 'dev' });
	const secrets = localSecrets(join(root, '.data/dev/secrets.json'));
	const port = process.env.PORT ?? '3000';
	const origin = process.env.ORIGIN ?? `http://localhost:${port}`;
	const env = {
		DATABASE_URL: services.databaseUrl,
		REDIS_URL: services.redisUrl,
		ORIGIN: origin,
		PORT: port,
		NODE_ENV: 'production',
		...secrets,
		...Object.fromEntries(Object.entries(process.env).filter(([k]) => k in secrets)),
	};

	let mailcatcher;
	if (!process.env.SMTP_URL) {
		const [smtpPort, webPort] = [await freePort(), await freePort()];
		// The bin shim itself (not `pnpm exec`), so that signals reach MailDev directly.
		startChild(
			'mail catcher',
			join(root, 'node_modules/.bin/maildev'),
			[
				'--ip',
				'127.0.0.1',
				'--smtp',
				String(smtpPort),
				'--web',
				String(webPort),
				'--web-ip',
				'127.0.0.1',
				'--silent',
			],
			{},
		);
		env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
		// The root URL: MailDev 3 takes /index.html as a base path and never lists any mail.
		mailcatcher = `http://localhost:${webPort}/`;
		env.MAILCATCHER_URL = mailcatcher;
	}

	log('migrating the database');
	await run('node', ['packages/db/src/bin/migrate.ts'], {
		cwd: root,
		env: { ...process.env, ...env },
	});
	log('loading demo data');
	await run('node', ['apps/web/scripts/seed-demo.ts'], {
		cwd: root,
		env: { ...process.env, ...env },
	});
	log('building');
	await run('pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
		cwd: root,
		env: { ...process.env, ...env },
	});

	const nodeArgs = memoryNodeArgs({ ...process.env, ...env });
	startChild('worker', process.execPath, [...nodeArgs, 'apps/worker/src/main.ts'], env);
	startChild('web', process.execPath, [...nodeArgs, 'apps/web/serve.js'], env);
	await waitForHttp(`http://127.0.0.1:${port}/login`, { ok: (s) => s === 200 });

	console.log(`
  Rapport is running at ${origin}
  Demo login:  demo@rapport.test  /  demo-password
${mailcatcher ? `  Mail inbox:  ${mailcatcher}\n` : ''}  Press Ctrl-C to stop.
`);
} catch (error) {
	console.error(`[rapport] ${error.message}`);
	await stopAll(true);
}
