// Entry point for `npm start` / `npm test`: runs scripts/<command>.mjs under Node >= 22.17
// with the project's pnpm, installing both into .tools/ from the npm registry if needed.
// Runs on the machine's Node (18+), so: node: builtins only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_NODE = [22, 17];
const NODE_MAJOR = 24;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = path.join(root, '.tools');
const log = (msg) => console.log(`[rapport] ${msg}`);
const fail = (msg) => {
	console.error(`[rapport] ${msg}`);
	process.exit(1);
};

const [command, ...args] = process.argv.slice(2);
if (!/^[a-z][a-z0-9-]*$/.test(command ?? ''))
	fail('usage: node scripts/bootstrap.mjs <command> [args...]');
const script = path.join(root, 'scripts', `${command}.mjs`);
if (!existsSync(script)) fail(`unknown command "${command}" (no scripts/${command}.mjs)`);

const readVersion = (pkgDir) => {
	try {
		return JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
	} catch {
		return null;
	}
};

const pnpmVersion = /^pnpm@(\d+\.\d+\.\d+)/.exec(
	JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager ?? '',
)?.[1];
if (!pnpmVersion) fail('package.json has no "packageManager": "pnpm@x.y.z"');

// Node: the machine's if recent enough, else Node 24 from the registry's platform package.
const [major, minor] = process.versions.node.split('.').map(Number);
let nodeBin = process.execPath;
let nodePkg = null;
if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
	const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
	if (process.platform !== 'linux' || !arch) {
		fail(
			`Node ${process.versions.node} is too old: install Node >= ${MIN_NODE.join('.')} (nodejs.org, nvm, Homebrew) and retry`,
		);
	}
	nodePkg = `node-linux-${arch}`;
	nodeBin = path.join(tools, 'node_modules', nodePkg, 'bin', 'node');
}
const binDir = path.join(tools, 'node_modules', '.bin');
const pnpmBin = path.join(binDir, 'pnpm');

const nodeReady =
	!nodePkg ||
	(existsSync(nodeBin) &&
		Number(readVersion(path.dirname(path.dirname(nodeBin)))?.split('.')[0]) === NODE_MAJOR);
const pnpmReady =
	existsSync(pnpmBin) && readVersion(path.join(tools, 'node_modules', 'pnpm')) === pnpmVersion;

const env = {
	...process.env,
	PATH: [path.dirname(nodeBin), binDir, process.env.PATH].join(path.delimiter),
	TURBO_TELEMETRY_DISABLED: '1',
	DO_NOT_TRACK: '1',
};

if (!nodeReady || !pnpmReady) {
	// One npm call for both: npm removes from .tools whatever the command line does not name
	// (there is no package.json there), and one call is faster anyway.
	const wanted = [nodePkg && `${nodePkg}@${NODE_MAJOR}`, `pnpm@${pnpmVersion}`].filter(Boolean);
	log(`installing ${wanted.join(' ')} into .tools/`);
	const flags = ['--no-save', '--no-audit', '--no-fund', '--loglevel=error'];
	const npm = spawnSync('npm', ['install', '--prefix', tools, ...flags, ...wanted], {
		stdio: 'inherit',
		env: { ...process.env, npm_config_update_notifier: 'false' },
	});
	if (npm.status !== 0)
		fail(`npm install ${wanted.join(' ')} failed (${npm.error?.message ?? `exit ${npm.status}`})`);
	// pnpm swaps in its native binary from an install script: make sure that worked.
	for (const [bin, flag] of [
		[nodeBin, '--version'],
		[pnpmBin, '-v'],
	]) {
		const res = spawnSync(bin, [flag], { encoding: 'utf8', env, cwd: tools });
		if (res.status !== 0)
			fail(`${bin} does not run after install: ${(res.error?.message ?? res.stderr).trim()}`);
		log(`${path.basename(bin)} ${res.stdout.trim()} ready`);
	}
}

const child = spawn(nodeBin, [script, ...args], { stdio: 'inherit', env });
const forward = (signal) => child.kill(signal);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
child.on('error', (err) => fail(`could not run ${nodeBin}: ${err.message}`));
child.on('exit', (code, signal) => {
	if (signal) {
		// Die of the same signal so callers see the usual 128+n status.
		process.removeAllListeners(signal);
		process.kill(process.pid, signal);
	} else {
		process.exit(code);
	}
});
