// Finds system binaries and installs missing Debian packages (root + apt-get only).
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const isExecutable = (file) => {
	try {
		accessSync(file, constants.X_OK);
		return statSync(file).isFile();
	} catch {
		return false;
	}
};

// Versioned directories such as /usr/lib/postgresql/15/bin, highest version first.
const versionedDirs = (parent, prefix, suffix) => {
	let names;
	try {
		names = readdirSync(parent);
	} catch {
		return [];
	}
	return names
		.filter((n) => n.startsWith(prefix) && /^\d+(\.\d+)?$/.test(n.slice(prefix.length)))
		.sort((a, b) => Number(b.slice(prefix.length)) - Number(a.slice(prefix.length)))
		.map((n) => path.join(parent, n, suffix));
};

/** Absolute path of an executable, or null. `name` may itself be an absolute path. */
export function findBinary(name) {
	if (path.isAbsolute(name)) return isExecutable(name) ? name : null;
	const dirs = [
		...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
		// Debian keeps the PostgreSQL server binaries off PATH.
		...versionedDirs('/usr/lib/postgresql', '', 'bin'),
		// Homebrew's postgresql@N is keg-only, so it is not on PATH either.
		...versionedDirs('/opt/homebrew/opt', 'postgresql@', 'bin'),
		...versionedDirs('/usr/local/opt', 'postgresql@', 'bin'),
		'/usr/local/bin',
	];
	for (const dir of dirs) {
		const file = path.join(dir, name);
		if (isExecutable(file)) return file;
	}
	return null;
}

function run(cmd, args, env) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		const collect = (chunk) => {
			output = (output + chunk).slice(-20000);
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) return resolve();
			const tail = output.trim().split('\n').slice(-15).join('\n');
			reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}):\n${tail}`));
		});
	});
}

// Homebrew names of the Debian packages whose names differ there.
const BREW = {
	postgresql: 'postgresql@16',
	'postgresql-client': 'postgresql@16',
	'redis-server': 'redis',
	'poppler-utils': 'poppler',
};

let updated = false;
// Callers may run concurrently; apt holds a global lock, so serialise.
let queue = Promise.resolve();

/**
 * Ensures each `{ pkg, bin }` is installed (`bin` proves it). Installs missing packages
 * with apt-get when running as root on Debian/Ubuntu, otherwise throws with instructions.
 */
export function ensureDebianPackages(list) {
	const result = queue.then(() => ensure(list));
	queue = result.catch(() => {});
	return result;
}

async function ensure(list) {
	const missing = list.filter(({ bin }) => !findBinary(bin));
	if (missing.length === 0) return;
	const pkgs = [...new Set(missing.map((m) => m.pkg))];
	const isRoot = process.getuid?.() === 0;
	if (!isRoot || !findBinary('apt-get')) {
		const brew = [...new Set(pkgs.map((p) => BREW[p] ?? p))].join(' ');
		const services = pkgs.some((p) => /postgres|redis/.test(p))
			? ', or run the services from the provided compose.yaml (docker compose up -d) and set DATABASE_URL / REDIS_URL'
			: '';
		throw new Error(
			`missing ${missing.map((m) => m.bin).join(', ')}. Install with: sudo apt-get install ${pkgs.join(' ')}` +
				` (macOS: brew install ${brew})${services}.`,
		);
	}
	const env = { DEBIAN_FRONTEND: 'noninteractive' };
	// Wait for a concurrent apt/dpkg instead of failing on its lock.
	const lock = ['-o', 'DPkg::Lock::Timeout=120'];
	if (!updated) {
		console.error('[rapport] apt-get update');
		await run('apt-get', [...lock, 'update'], env);
		updated = true;
	}
	console.error(`[rapport] installing ${pkgs.join(' ')} (apt-get)`);
	await run('apt-get', [...lock, 'install', '-y', '--no-install-recommends', ...pkgs], env);
	const still = missing.filter(({ bin }) => !findBinary(bin));
	if (still.length > 0) {
		throw new Error(
			`apt-get installed ${pkgs.join(' ')} but ${still.map((m) => m.bin).join(', ')} is still missing`,
		);
	}
}
