// Small process helpers shared by start.mjs and test.mjs (dependency-free on purpose:
// they run before anything is installed).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const log = (msg) => console.log(`[rapport] ${msg}`);

/** Runs a command to completion with inherited stdio; rejects on a non-zero exit. */
export function run(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
		child.on('error', reject);
		child.on('exit', (code, signal) =>
			code === 0
				? resolve()
				: reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`)),
		);
	});
}

/** Like run() but resolves with the exit code instead of rejecting. */
export function runStatus(cmd, args, opts = {}) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
		child.on('error', () => resolve(1));
		child.on('exit', (code) => resolve(code ?? 1));
	});
}

/** A free TCP port on loopback (there is a small race, acceptable for local tooling). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Polls a URL until it answers (any status below 500 unless `ok` says otherwise). */
export async function waitForHttp(url, { timeoutMs = 30_000, ok = (s) => s < 500 } = {}) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			const res = await fetch(url);
			if (ok(res.status)) return;
		} catch {}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

export async function pnpmInstall(cwd) {
	log('installing dependencies (pnpm install)');
	await run('pnpm', ['install', '--frozen-lockfile', '--reporter=append-only'], { cwd });
}
