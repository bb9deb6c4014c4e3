// Keeps `npm start`'s long-running children (web, worker, mail catcher) alive and stops them
// properly. Dependency-free: it runs before anything is installed.
import { spawn } from 'node:child_process';

const DEFAULTS = {
	// First restart after 1 s, doubling up to 30 s; a child that ran 30 s starts over at 1 s.
	initialDelayMs: 1_000,
	maxDelayMs: 30_000,
	resetAfterMs: 30_000,
	// SIGTERM, then SIGKILL after this long, then give up after as long again. Longer than
	// serve.js's own bounds (requests in flight 10 s, then closing pools 5 s).
	stopTimeoutMs: 20_000,
};

// A process that is gone has one of these set; `exitCode` alone stays null after a signal.
const hasExited = (child) => child.exitCode !== null || child.signalCode !== null;

const describeExit = (code, signal) => (signal ? `signal ${signal}` : `code ${code}`);

/** The delay before restart number `attempt` (0-based): exponential, capped. */
export function restartDelay(attempt, { initialDelayMs, maxDelayMs } = DEFAULTS) {
	return Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt, 30));
}

/**
 * Children that are restarted with backoff when they die, and stopped together by `stop()`.
 * Each child gets its own process group (`detached`): a terminal's Ctrl-C reaches only the
 * supervisor, which then stops the children itself, so a child that exits on the user's SIGINT
 * is never mistaken for a crash and restarted.
 */
export function createSupervisor(options = {}) {
	const config = { ...DEFAULTS, ...options };
	const log = config.log ?? ((msg) => console.log(`[rapport] ${msg}`));
	/** @type {Map<string, {name: string, cmd: string, args: string[], opts: object, child: import('node:child_process').ChildProcess | null, startedAt: number, attempt: number, timer: NodeJS.Timeout | null}>} */
	const entries = new Map();
	/** Crashes while running and failed stops; any of them makes the run a failure. */
	const problems = [];
	let stopping = false;
	let stopped = null;
	// If this process ends without stop() (an uncaught error), the children must not outlive it.
	process.once('exit', () => {
		for (const { child } of entries.values())
			if (child && !hasExited(child)) signal(child, 'SIGTERM');
	});

	function launch(entry) {
		entry.timer = null;
		entry.startedAt = Date.now();
		const child = spawn(entry.cmd, entry.args, {
			stdio: ['ignore', 'inherit', 'inherit'],
			detached: true,
			...entry.opts,
		});
		entry.child = child;
		let settled = false;
		const onGone = (code, signal, error) => {
			if (settled) return;
			settled = true;
			if (entry.child === child) entry.child = null;
			if (stopping) return;
			const ranMs = Date.now() - entry.startedAt;
			if (ranMs >= config.resetAfterMs) entry.attempt = 0;
			const delay = restartDelay(entry.attempt, config);
			entry.attempt += 1;
			const how = error
				? `failed to start (${error.message})`
				: `exited (${describeExit(code, signal)})`;
			if (error || signal || code !== 0) problems.push(`${entry.name} ${how}`);
			log(`${entry.name} ${how}; restarting in ${delay} ms`);
			entry.timer = setTimeout(() => launch(entry), delay);
		};
		child.on('exit', (code, signal) => onGone(code, signal));
		// Without a pid the process never started and no 'exit' follows.
		child.on('error', (error) => {
			if (child.pid === undefined) onGone(null, null, error);
		});
		return child;
	}

	/** Stops one child: listen first, SIGTERM, SIGKILL after the bound. Resolves true if clean. */
	function stopChild(entry) {
		const child = entry.child;
		if (!child || hasExited(child)) return Promise.resolve(true);
		return new Promise((resolve) => {
			let killed = false;
			let giveUp;
			const escalate = setTimeout(() => {
				killed = true;
				log(`${entry.name} did not stop within ${config.stopTimeoutMs} ms; sending SIGKILL`);
				signal(child, 'SIGKILL');
				giveUp = setTimeout(() => {
					log(`${entry.name} (pid ${child.pid}) is still running; giving up on it`);
					resolve(false);
				}, config.stopTimeoutMs);
			}, config.stopTimeoutMs);
			child.once('exit', (code, sig) => {
				clearTimeout(escalate);
				clearTimeout(giveUp);
				// Our own SIGTERM or a clean exit is a good stop; anything else is not.
				const clean = !killed && (code === 0 || sig === 'SIGTERM' || sig === 'SIGINT');
				if (!clean && !killed) log(`${entry.name} stopped with ${describeExit(code, sig)}`);
				resolve(clean);
			});
			signal(child, 'SIGTERM');
		});
	}

	return {
		/** Starts a child now; it is restarted whenever it dies until `stop()`. */
		start(name, cmd, args = [], opts = {}) {
			if (stopping) throw new Error(`cannot start ${name}: stopping`);
			if (entries.has(name)) throw new Error(`${name} is already supervised`);
			const entry = { name, cmd, args, opts, child: null, startedAt: 0, attempt: 0, timer: null };
			entries.set(name, entry);
			return launch(entry);
		},

		/** The running process of a child, if any (between a death and its restart: none). */
		child(name) {
			return entries.get(name)?.child ?? null;
		},

		/**
		 * Stops every child and waits for each to exit. Resolves `{ ok, problems }`: ok is false
		 * when a child crashed during the run or did not stop cleanly. Safe to call twice.
		 */
		stop() {
			if (stopped) return stopped;
			stopping = true;
			stopped = (async () => {
				const list = [...entries.values()];
				for (const entry of list) if (entry.timer) clearTimeout(entry.timer);
				const results = await Promise.all(list.map(stopChild));
				results.forEach((clean, i) => {
					if (!clean) problems.push(`${list[i].name} did not stop cleanly`);
				});
				return { ok: problems.length === 0, problems: [...problems] };
			})();
			return stopped;
		},
	};
}

/** Signals a child's whole process group (it may have children of its own), else the child. */
function signal(child, name) {
	try {
		process.kill(-child.pid, name);
	} catch {
		try {
			child.kill(name);
		} catch {}
	}
}
