import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSupervisor, restartDelay } from './supervisor.mjs';

// Stand-in children: tiny Node scripts instead of the real web and worker.
const IDLE = 'setInterval(() => {}, 1000)';
const DEAF = `process.on('SIGTERM', () => {}); console.log('ready'); ${IDLE}`;
const node = process.execPath;

const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

const supervisors = [];
function supervisor(options) {
	const lines = [];
	const s = createSupervisor({ log: (msg) => lines.push(msg), ...options });
	supervisors.push(s);
	return { s, lines };
}
afterEach(async () => {
	await Promise.all(supervisors.splice(0).map((s) => s.stop()));
});

describe('restartDelay', () => {
	it('doubles from the first delay and stops at the cap', () => {
		const opts = { initialDelayMs: 1000, maxDelayMs: 30_000 };
		expect([0, 1, 2, 3, 4, 5, 6, 60].map((n) => restartDelay(n, opts))).toEqual([
			1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
		]);
	});
});

describe('createSupervisor', () => {
	it('restarts a child killed with SIGKILL, with a growing delay, and reports the crash', async () => {
		const { s, lines } = supervisor({ initialDelayMs: 50, maxDelayMs: 100, resetAfterMs: 60_000 });
		const first = s.start('web', node, ['-e', IDLE]);
		process.kill(first.pid, 'SIGKILL');
		await vi.waitUntil(() => s.child('web') && s.child('web') !== first, { timeout: 5000 });
		const second = s.child('web');
		process.kill(second.pid, 'SIGKILL');
		await vi.waitUntil(() => s.child('web') && s.child('web') !== second, { timeout: 5000 });
		process.kill(s.child('web').pid, 'SIGKILL');
		await vi.waitUntil(() => lines.length === 3);

		expect(lines).toEqual([
			'web exited (signal SIGKILL); restarting in 50 ms',
			'web exited (signal SIGKILL); restarting in 100 ms',
			'web exited (signal SIGKILL); restarting in 100 ms',
		]);
		const result = await s.stop();
		expect(result.ok).toBe(false);
		expect(result.problems).toContain('web exited (signal SIGKILL)');
	});

	it('starts the delay over once a child has run long enough', async () => {
		const { s, lines } = supervisor({ initialDelayMs: 50, maxDelayMs: 1000, resetAfterMs: 0 });
		s.start('worker', node, ['-e', 'process.exit(3)']);
		await vi.waitUntil(() => lines.length >= 3, { timeout: 5000 });
		expect(lines.slice(0, 3)).toEqual(Array(3).fill('worker exited (code 3); restarting in 50 ms'));
	});

	it('retries a command that cannot be started', async () => {
		const { s, lines } = supervisor({ initialDelayMs: 50, maxDelayMs: 50 });
		s.start('web', '/nonexistent/node', []);
		await vi.waitUntil(() => lines.length >= 2, { timeout: 5000 });
		expect(lines[0]).toBe(
			'web failed to start (spawn /nonexistent/node ENOENT); restarting in 50 ms',
		);
		expect((await s.stop()).ok).toBe(false);
	});

	it('stops every child, waits for their exits and reports a clean run', async () => {
		const { s, lines } = supervisor();
		const web = s.start('web', node, ['-e', IDLE]);
		// Exits by itself (code 0) on SIGTERM, like serve.js.
		const worker = s.start(
			'worker',
			node,
			[
				'-e',
				`process.on('SIGTERM', () => setTimeout(() => process.exit(0), 100)); console.log('ready'); ${IDLE}`,
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		await once(worker.stdout, 'data');

		const result = await s.stop();

		expect(result).toEqual({ ok: true, problems: [] });
		expect(web.signalCode).toBe('SIGTERM');
		expect(worker.exitCode).toBe(0);
		expect([alive(web.pid), alive(worker.pid)]).toEqual([false, false]);
		expect(lines).toEqual([]);
	});

	it('sends SIGKILL to a child that ignores SIGTERM and reports the failed stop', async () => {
		const { s, lines } = supervisor({ stopTimeoutMs: 300 });
		const deaf = s.start('mail catcher', node, ['-e', DEAF], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		await once(deaf.stdout, 'data');

		const result = await s.stop();

		expect(deaf.signalCode).toBe('SIGKILL');
		expect(result.ok).toBe(false);
		expect(result.problems).toEqual(['mail catcher did not stop cleanly']);
		expect(lines).toEqual(['mail catcher did not stop within 300 ms; sending SIGKILL']);
	});

	it('does not restart a child that dies while stopping', async () => {
		const { s, lines } = supervisor({ initialDelayMs: 10 });
		const child = s.start('web', node, ['-e', 'process.exit(1)']);
		await once(child, 'exit');
		await s.stop();
		await new Promise((r) => setTimeout(r, 50));
		expect(s.child('web')).toBe(null);
		expect(lines).toEqual(['web exited (code 1); restarting in 10 ms']);
	});
});

// The way start.mjs uses it: signal handlers that stop everything and set the exit status.
const HARNESS = `
import { createSupervisor } from ${JSON.stringify(fileURLToPath(new URL('./supervisor.mjs', import.meta.url)))};
const s = createSupervisor({ initialDelayMs: 50, log: () => {} });
const a = s.start('web', process.execPath, ['-e', ${JSON.stringify(IDLE)}]);
const b = s.start('worker', process.execPath, ['-e', ${JSON.stringify(IDLE)}]);
const stop = async () => process.exit((await s.stop()).ok ? 0 : 1);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
console.log(JSON.stringify([a.pid, b.pid]));
`;

async function harness() {
	const proc = spawn(node, ['--input-type=module', '-e', HARNESS], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [chunk] = await once(proc.stdout, 'data');
	return { proc, pids: JSON.parse(String(chunk)) };
}

describe('a supervising process', () => {
	for (const signal of ['SIGINT', 'SIGTERM']) {
		it(`stops its children on ${signal} and exits 0 after a clean run`, async () => {
			const { proc, pids } = await harness();
			const exit = once(proc, 'exit');
			proc.kill(signal);
			expect(await exit).toEqual([0, null]);
			expect(pids.map(alive)).toEqual([false, false]);
		});
	}

	it('exits non-zero when a child had crashed during the run', async () => {
		const { proc, pids } = await harness();
		process.kill(pids[0], 'SIGKILL');
		await vi.waitUntil(() => !alive(pids[0]));
		const exit = once(proc, 'exit');
		proc.kill('SIGINT');
		expect(await exit).toEqual([1, null]);
		expect(alive(pids[1])).toBe(false);
	});
});
