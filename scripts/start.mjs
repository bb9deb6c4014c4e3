// `npm start`: services, migrations, demo data, build, then web + worker + mail catcher.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, log, pnpmInstall, run, waitForHttp } from './lib/proc.mjs';
import { localSecrets } from './lib/secrets.mjs';
import { startServices } from './services.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const children = [];
let services;
let stopping = false;

async function stopAll(code = 0) {
	if (stopping) return;
	stopping = true;
	log('stopping…');
	await Promise.all(
		children.map(
			(child) =>
				new Promise((resolve) => {
					if (child.exitCode !== null) return resolve();
					child.once('exit', resolve);
					child.kill('SIGTERM');
					setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
				}),
		),
	);
	await services?.stop();
	log('stopped');
	process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function startChild(name, cmd, args, env) {
	const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
	child.on('exit', (code) => {
		if (!stopping) {
			log(`${name} exited (${code}); stopping everything`);
			void stopAll(code || 1);
		}
	});
	children.push(child);
	return child;
}

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
		startChild(
			'mail catcher',
			'pnpm',
			[
				'exec',
				'maildev',
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
		mailcatcher = `http://localhost:${webPort}/index.html`;
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

	startChild('worker', 'node', ['apps/worker/src/main.ts'], env);
	startChild('web', 'node', ['apps/web/serve.js'], env);
	await waitForHttp(`http://127.0.0.1:${port}/login`, { ok: (s) => s === 200 });

	console.log(`
  Rapport is running at ${origin}
  Demo login:  demo@rapport.test  /  demo-password
${mailcatcher ? `  Mail inbox:  ${mailcatcher}\n` : ''}  Press Ctrl-C to stop.
`);
} catch (error) {
	console.error(`[rapport] ${error.message}`);
	await stopAll(1);
}
