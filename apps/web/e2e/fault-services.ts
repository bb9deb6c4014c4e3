// A PostgreSQL, a Redis, a worker and a web server of the fault test's own: it kills and
// restarts them, so it must never touch the shared ones other test files use.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chownSync, constants, mkdirSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isRoot = process.getuid?.() === 0;

function findBinary(name: string): string {
	const versioned = (() => {
		try {
			return readdirSync('/usr/lib/postgresql')
				.sort()
				.reverse()
				.map((v) => `/usr/lib/postgresql/${v}/bin`);
		} catch {
			return [];
		}
	})();
	for (const dir of [...(process.env.PATH ?? '').split(':'), ...versioned, '/usr/local/bin']) {
		const file = path.join(dir, name);
		try {
			accessSync(file, constants.X_OK);
			return file;
		} catch {}
	}
	throw new Error(`${name} not found (install postgresql and redis-server)`);
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

// PostgreSQL refuses to run as root (services.mjs does the same). Asynchronous, so the test's
// own timeouts keep working while it runs.
function runPg(bin: string, args: string[]) {
	const [cmd, argv] = isRoot
		? ['runuser', ['-u', 'postgres', '--', findBinary(bin), ...args]]
		: [findBinary(bin), args];
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
	return new Promise<void>((resolve, reject) => {
		const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`${bin} ${args.join(' ')} failed: ${out}`)),
		);
	});
}

export interface FaultPostgres {
	url: string;
	/** Immediate restart: every backend dies at once, as in a crash. */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

export async function startPostgres(base: string): Promise<FaultPostgres> {
	const pgdata = path.join(base, 'pg');
	const sock = path.join(base, 'sock');
	mkdirSync(pgdata, { recursive: true, mode: 0o700 });
	mkdirSync(sock, { recursive: true });
	if (isRoot) {
		const id = (flag: string) =>
			Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout);
		for (const p of [base, pgdata, sock]) chownSync(p, id('-u'), id('-g'));
	}
	await runPg('initdb', [
		'-D',
		pgdata,
		'-U',
		'postgres',
		'--auth=trust',
		'-E',
		'UTF8',
		'--locale=C.UTF-8',
	]);
	const port = await freePort();
	const opts = `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
	const log = path.join(base, 'pg.log');
	await runPg('pg_ctl', ['-D', pgdata, '-w', '-t', '30', '-l', log, '-o', opts, 'start']);
	await runPg('psql', [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'postgres',
		'-c',
		'create database rapport_fault',
	]);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/rapport_fault`,
		// -l again: without it the new postmaster would log to (and keep open) our pipe.
		restart: () =>
			runPg('pg_ctl', ['-D', pgdata, '-w', '-t', '30', '-l', log, '-m', 'immediate', 'restart']),
		stop: () => runPg('pg_ctl', ['-D', pgdata, '-w', '-m', 'immediate', 'stop']).catch(() => {}),
	};
}

export interface Child {
	process: ChildProcess;
	output: () => string;
	exited: Promise<void>;
	/** SIGKILL by this child's own PID; resolves once it is gone. */
	kill(): Promise<void>;
}

function startChild(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd = webDir): Child {
	const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	const collect = (d: Buffer) => {
		out = (out + d.toString()).slice(-20_000);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const exited = new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		child.once('exit', () => resolve());
	});
	return {
		process: child,
		output: () => out,
		exited,
		async kill() {
			if (child.exitCode === null && child.signalCode === null && child.pid)
				process.kill(child.pid, 'SIGKILL');
			await exited;
		},
	};
}

export async function startRedis(base: string) {
	const dir = path.join(base, 'redis');
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const redis = startChild(
		findBinary('redis-server'),
		[
			...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
			...['--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', ''],
		],
		process.env,
	);
	await waitFor(
		() => canConnect(port),
		10_000,
		() => redis.output(),
	);
	return { url: `redis://127.0.0.1:${port}`, child: redis };
}

function canConnect(port: number) {
	return new Promise<boolean>((resolve) => {
		const sock = net.connect({ port, host: '127.0.0.1' });
		sock.once('connect', () => {
			sock.destroy();
			resolve(true);
		});
		sock.once('error', () => resolve(false));
	});
}

export async function waitFor(
	check: () => Promise<boolean> | boolean,
	timeoutMs: number,
	describe: () => string = () => '',
) {
	for (const end = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 100))) {
		if (
			await Promise.resolve()
				.then(check)
				.catch(() => false)
		)
			return;
		if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms\n${describe()}`);
	}
}

export function startWorker(env: NodeJS.ProcessEnv): Child {
	return startChild(process.execPath, ['../worker/src/main.ts'], {
		...process.env,
		SMTP_URL: 'smtp://127.0.0.1:1',
		WORKER_SCHEDULES: 'off',
		LOG_LEVEL: 'info',
		...env,
	});
}

export function startWeb(env: NodeJS.ProcessEnv): Child {
	return startChild(process.execPath, ['serve.js'], {
		...process.env,
		BETTER_AUTH_SECRET: 'fault-secret-fault-secret-fault-secret-fault',
		INBOUND_EMAIL_SECRET: 'fault-inbound-secret',
		PAYMENTS_ENCRYPTION_KEY: 'ZmF1bHQtcGF5bWVudHMta2V5LTMyLWJ5dGVzLWxvbmc=',
		// The test posts many submissions from one address.
		FORM_RATE_PER_IP_PER_MIN: '100000',
		FORM_RATE_PER_KEY_PER_MIN: '100000',
		LOG_LEVEL: 'warn',
		...env,
	});
}

/** A directory the postgres user can reach (when we are root) and we remove afterwards. */
export function scratchDir() {
	const dir = path.join('/var/tmp', `rapport-fault-${randomBytes(4).toString('hex')}`);
	mkdirSync(dir, { recursive: true, mode: 0o755 });
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
