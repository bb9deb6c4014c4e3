// Starts (or reuses) a project-local PostgreSQL and Redis for a profile ('dev' or 'test').
//   node scripts/services.mjs start <profile>   prints DATABASE_URL=... and REDIS_URL=...
//   node scripts/services.mjs stop <profile>
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	chmodSync,
	chownSync,
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages, findBinary } from './system-packages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hash = createHash('sha256').update(root).digest('hex').slice(0, 8);
const isRoot = process.getuid?.() === 0;
// stderr, so that stdout carries only the DATABASE_URL=... / REDIS_URL=... lines.
const log = (msg) => console.error(`[rapport] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const PG_PACKAGES = [
	{ pkg: 'postgresql', bin: 'initdb' },
	{ pkg: 'postgresql', bin: 'pg_ctl' },
	{ pkg: 'postgresql', bin: 'postgres' },
	{ pkg: 'postgresql-client', bin: 'psql' },
];
const REDIS_PACKAGES = [
	{ pkg: 'redis-server', bin: 'redis-server' },
	{ pkg: 'redis-server', bin: 'redis-cli' },
];

const dataDir = (profile) => path.join(root, '.data', profile);
const stateFile = (profile) => path.join(dataDir(profile), 'services.json');
const readState = (profile) => {
	try {
		return JSON.parse(readFileSync(stateFile(profile), 'utf8'));
	} catch {
		return {};
	}
};

// One line saying why `what` failed (the log's last complaint if any), then the log's tail.
// Only log lines written after byte `from` belong to this attempt.
function failure(what, err, logFile, from) {
	let lines = [];
	try {
		lines = readFileSync(logFile)
			.subarray(from)
			.toString()
			.trimEnd()
			.split('\n')
			.filter(Boolean)
			.slice(-10);
	} catch {}
	const complaint = lines.findLast((l) => /FATAL|PANIC|ERROR|# /.test(l));
	const reason =
		complaint?.replace(/^.*?(FATAL|PANIC|ERROR|# )\s*:?\s*/, '') ?? err.message.split('\n')[0];
	const logText = lines.length ? `\n--- last lines of ${logFile} ---\n${lines.join('\n')}` : '';
	return new Error(`${what} did not start: ${reason}${logText}`);
}

const logSize = (file) => (existsSync(file) ? statSync(file).size : 0);

// Resolves with the output; rejects with the command line and its last output lines.
function run(cmd, args, { quiet = false } = {}) {
	return new Promise((resolve, reject) => {
		// Stray PG* variables (PGHOST, PGSSLMODE, ...) would override our connection flags.
		const env = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !k.startsWith('PG')),
		);
		const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) return resolve(out);
			const last = out.trim().split('\n').slice(-10).join('\n');
			reject(
				new Error(
					quiet ? last : `${path.basename(cmd)} ${args.join(' ')} failed (exit ${code})\n${last}`,
				),
			);
		});
	});
}

// PostgreSQL refuses to run as root, so its commands run as the postgres user then.
const runPg = (cmd, args) =>
	isRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);

function freePort(preferred) {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', (err) => (preferred ? freePort(0).then(resolve, reject) : reject(err)));
		srv.listen(preferred || 0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function canConnect(port) {
	return new Promise((resolve) => {
		const sock = net.connect({ port, host: '127.0.0.1', timeout: 1000 });
		const done = (ok) => {
			sock.destroy();
			resolve(ok);
		};
		sock.once('connect', () => done(true));
		sock.once('error', () => done(false));
		sock.once('timeout', () => done(false));
	});
}

// A pid file left by a crash may name an unrelated process after a reboot, so on Linux
// the command line must mention `name` too.
function alive(pid, name) {
	if (!pid) return false;
	try {
		process.kill(pid, 0);
	} catch (err) {
		if (err.code !== 'EPERM') return false;
	}
	try {
		// A zombie (exited, not yet reaped by a lax init) counts as gone.
		if (/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return false;
		return !name || readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name);
	} catch {
		return true;
	}
}

async function waitForExit(pid, ms = 15000) {
	for (const end = Date.now() + ms; Date.now() < end; await sleep(100))
		if (!alive(pid)) return true;
	return false;
}

// ---------- PostgreSQL ----------

function postgresIds() {
	let res = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	if (res.status !== 0) {
		log('creating system user postgres');
		spawnSync('useradd', ['--system', '--no-create-home', '--user-group', 'postgres'], {
			stdio: 'inherit',
		});
		res = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		if (res.status !== 0)
			throw new Error('could not create the postgres system user (useradd failed)');
	}
	const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout;
	return { uid: Number(res.stdout), gid: Number(gid) };
}

// Where the cluster lives. As root, the postgres user must reach it; when the repo sits
// in a private directory (e.g. /root is 0700) we use /var/tmp (kept across reboots)
// rather than loosening permissions of directories that are not ours.
function pgBase(profile) {
	const local = dataDir(profile);
	if (!isRoot) return local;
	const fallback = path.join('/var/tmp', `rapport-${hash}`, profile);
	if (existsSync(path.join(local, 'pg', 'PG_VERSION'))) return local;
	if (existsSync(path.join(fallback, 'pg', 'PG_VERSION'))) return fallback;
	mkdirSync(local, { recursive: true });
	chmodSync(path.dirname(local), 0o755);
	chmodSync(local, 0o755);
	const reachable =
		spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', local]).status === 0;
	return reachable ? local : fallback;
}

function pgPaths(profile) {
	const base = pgBase(profile);
	let sock = path.join(base, 'pg.sock');
	// Unix socket paths are limited to ~104 bytes.
	if (sock.length + '/.s.PGSQL.65535'.length > 100)
		sock = path.join(os.tmpdir(), `rapport-${hash}-${profile}`);
	return { base, pgdata: path.join(base, 'pg'), log: path.join(base, 'pg.log'), sock };
}

const postmasterPid = (pgdata) => {
	try {
		const [pid, , , port] = readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n');
		return alive(Number(pid), 'postgres') ? { pid: Number(pid), port: Number(port) } : null;
	} catch {
		return null;
	}
};

// Port of a postmaster already serving this data directory, if any.
async function runningPostgres(pgdata) {
	const pm = postmasterPid(pgdata);
	return pm && (await canConnect(pm.port)) ? pm.port : null;
}

async function startPostgres(profile, preferredPort) {
	const { base, pgdata, log: logFile, sock } = pgPaths(profile);
	const existing = await runningPostgres(pgdata);
	if (existing) {
		log(`PostgreSQL already running on port ${existing} (${pgdata})`);
		return { port: existing, pgdata, started: false };
	}
	if (!base.startsWith(root))
		log(`PostgreSQL data in ${pgdata} (the postgres user cannot reach ${root})`);
	mkdirSync(base, { recursive: true });
	if (base !== dataDir(profile)) chmodSync(path.dirname(base), 0o755);
	mkdirSync(sock, { recursive: true });
	closeSync(openSync(logFile, 'a'));
	const fresh = !existsSync(path.join(pgdata, 'PG_VERSION'));
	if (fresh) rmSync(pgdata, { recursive: true, force: true }); // leftovers of a failed initdb
	mkdirSync(pgdata, { recursive: true, mode: 0o700 });
	if (isRoot) {
		const { uid, gid } = postgresIds();
		for (const p of [base === dataDir(profile) ? null : base, sock, logFile, pgdata])
			if (p) chownSync(p, uid, gid);
		if (!fresh && statSync(path.join(pgdata, 'PG_VERSION')).uid !== uid) {
			spawnSync('chown', ['-R', `${uid}:${gid}`, pgdata]);
		}
	}
	if (fresh) {
		log(`initdb ${pgdata}`);
		const args = ['-D', pgdata, '-U', 'postgres', '--auth=trust', '-E', 'UTF8'];
		args.push(`--locale=${process.platform === 'darwin' ? 'C' : 'C.UTF-8'}`);
		await runPg(findBinary('initdb'), args);
	}
	const port = await freePort(preferredPort);
	if (sock.includes("'")) throw new Error(`unsupported quote in path ${sock}`);
	let opts = `-p ${port} -k '${sock}' -c listen_addresses=127.0.0.1`;
	// Durability is pointless for throw-away test data; dev data keeps the safe defaults.
	if (profile === 'test') opts += ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
	const logStart = logSize(logFile);
	try {
		const args = ['-D', pgdata, '-w', '-t', '60', '-l', logFile, '-o', opts, 'start'];
		await runPg(findBinary('pg_ctl'), args);
	} catch (err) {
		throw failure('PostgreSQL', err, logFile, logStart);
	}
	log(`PostgreSQL started on port ${port}`);
	return { port, pgdata, started: true };
}

async function ensureDatabase(port, db) {
	const psql = findBinary('psql');
	const base = ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-tAc'];
	const exists = await run(psql, [...base, `select 1 from pg_database where datname = '${db}'`]);
	if (exists.trim() !== '1') {
		await run(psql, [...base, `create database "${db}"`]);
		log(`created database ${db}`);
	}
}

async function stopPostgres(pgdata) {
	if (!postmasterPid(pgdata)) return false;
	await runPg(findBinary('pg_ctl'), ['-D', pgdata, '-m', 'fast', '-w', 'stop']);
	return true;
}

// ---------- Redis ----------

function redisPid(dir) {
	try {
		const pid = Number(readFileSync(path.join(dir, 'redis.pid'), 'utf8'));
		return alive(pid, 'redis') ? pid : null;
	} catch {
		return null;
	}
}

const redisCli = (port, ...args) =>
	run(findBinary('redis-cli'), ['-h', '127.0.0.1', '-p', String(port), ...args], { quiet: true });

async function redisServes(port, dir) {
	try {
		return (await redisCli(port, 'config', 'get', 'dir')).split('\n')[1]?.trim() === dir;
	} catch {
		return false;
	}
}

async function startRedis(profile, preferredPort) {
	const dir = path.join(dataDir(profile), 'redis');
	const logFile = path.join(dir, 'redis.log');
	mkdirSync(dir, { recursive: true });
	const pid = redisPid(dir);
	if (pid) {
		if (preferredPort && (await redisServes(preferredPort, dir))) {
			log(`Redis already running on port ${preferredPort} (${dir})`);
			return { port: preferredPort, dir, started: false };
		}
		// Two servers must never share one append-only file.
		log(`stopping unreachable redis-server (pid ${pid})`);
		process.kill(pid, 'SIGTERM');
		if (!(await waitForExit(pid)))
			throw new Error(`redis-server (pid ${pid}) for ${dir} does not stop`);
	}
	const port = await freePort(preferredPort);
	const pidFile = path.join(dir, 'redis.pid');
	rmSync(pidFile, { force: true }); // stale: its process is gone (checked above)
	const args = [
		...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--logfile', logFile],
		...['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction'],
		...['--daemonize', 'yes', '--pidfile', pidFile, '--save', ''],
	];
	const logStart = logSize(logFile);
	try {
		await run(findBinary('redis-server'), args);
		for (const end = Date.now() + 10000; ; await sleep(100)) {
			if ((await redisCli(port, 'ping').catch(() => '')).trim() === 'PONG') break;
			if (existsSync(pidFile) && !redisPid(dir)) throw new Error('redis-server exited');
			if (Date.now() > end) throw new Error(`no PONG on port ${port} within 10 s`);
		}
	} catch (err) {
		throw failure('Redis', err, logFile, logStart);
	}
	log(`Redis started on port ${port}`);
	return { port, dir, started: true };
}

async function stopRedis(dir, port) {
	const pid = redisPid(dir);
	if (!pid) return false;
	// A plain SHUTDOWN flushes the append-only file; SIGTERM does the same when the port is unknown.
	let gone = false;
	if (port) {
		await redisCli(port, 'shutdown').catch(() => {});
		gone = await waitForExit(pid, 5000);
	}
	if (!gone) process.kill(pid, 'SIGTERM');
	if (!(await waitForExit(pid))) throw new Error(`redis-server (pid ${pid}) did not stop`);
	return true;
}

// ---------- API ----------

function checkProfile(profile) {
	if (!/^[a-z][a-z0-9-]*$/.test(profile ?? ''))
		throw new Error(`invalid profile "${profile}" (use dev or test)`);
}

/** Starts or reuses PostgreSQL and Redis unless DATABASE_URL / REDIS_URL are set. */
export async function startServices({ profile }) {
	checkProfile(profile);
	const wantPg = !process.env.DATABASE_URL;
	const wantRedis = !process.env.REDIS_URL;
	await ensureDebianPackages([
		...(wantPg ? PG_PACKAGES : []),
		...(wantRedis ? REDIS_PACKAGES : []),
	]);
	mkdirSync(dataDir(profile), { recursive: true });
	const previous = readState(profile);

	const [pg, redis] = await Promise.allSettled([
		wantPg ? startPostgres(profile, previous.pgPort) : null,
		wantRedis ? startRedis(profile, previous.redisPort) : null,
	]);
	const pgInfo = pg.value;
	const redisInfo = redis.value;
	const stop = async () => {
		// Only what this call started: a reused server belongs to whoever started it.
		if (pgInfo?.started) await stopPostgres(pgInfo.pgdata);
		if (redisInfo?.started) await stopRedis(redisInfo.dir, redisInfo.port);
	};
	const errors = [pg.reason, redis.reason].filter(Boolean);
	if (errors.length) {
		await stop().catch(() => {});
		throw errors.length === 1 ? errors[0] : new Error(errors.map((e) => e.message).join('\n'));
	}

	const db = profile === 'dev' ? 'rapport' : `rapport_${profile}`;
	if (pgInfo) {
		try {
			await ensureDatabase(pgInfo.port, db);
		} catch (err) {
			await stop().catch(() => {});
			throw new Error(`could not create database ${db}: ${err.message}`);
		}
	}
	const state = { ...previous };
	if (pgInfo) Object.assign(state, { pgPort: pgInfo.port, pgData: pgInfo.pgdata });
	if (redisInfo) Object.assign(state, { redisPort: redisInfo.port, redisDir: redisInfo.dir });
	writeFileSync(stateFile(profile), `${JSON.stringify(state, null, 2)}\n`);

	return {
		databaseUrl: process.env.DATABASE_URL || `postgres://postgres@127.0.0.1:${pgInfo.port}/${db}`,
		redisUrl: process.env.REDIS_URL || `redis://127.0.0.1:${redisInfo.port}`,
		stop,
	};
}

/** Stops whatever runs for the profile's data directories; does nothing when nothing runs. */
export async function stopServices({ profile }) {
	checkProfile(profile);
	const state = readState(profile);
	const pgdata = state.pgData ?? path.join(pgBase(profile), 'pg');
	const redisDir = state.redisDir ?? path.join(dataDir(profile), 'redis');
	const pgStopped = existsSync(pgdata) && findBinary('pg_ctl') ? await stopPostgres(pgdata) : false;
	const redisStopped = await stopRedis(redisDir, state.redisPort);
	log(
		`${profile}: PostgreSQL ${pgStopped ? 'stopped' : 'not running'}, Redis ${redisStopped ? 'stopped' : 'not running'}`,
	);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const [command, profile = 'dev'] = process.argv.slice(2);
	try {
		if (command === 'start') {
			const { databaseUrl, redisUrl } = await startServices({ profile });
			console.log(`DATABASE_URL=${databaseUrl}\nREDIS_URL=${redisUrl}`);
		} else if (command === 'stop') {
			await stopServices({ profile });
		} else {
			console.error('usage: node scripts/services.mjs start|stop [dev|test]');
			process.exitCode = 2;
		}
	} catch (err) {
		console.error(`[rapport] ${err.message}`);
		process.exitCode = 1;
	}
}
