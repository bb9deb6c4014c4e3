// The per-process memory budget (SPEC: MEMORY_LIMIT_MB, else the cgroup's limit, else 300 MB)
// and the Node flags that keep a process inside it. Dependency-free: used by start.mjs, the
// bench and the test configs before anything is installed.
import { readFileSync } from 'node:fs';

const DEFAULT_BUDGET_MB = 300;

function cgroupLimitMb() {
	for (const file of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
		try {
			const text = readFileSync(file, 'utf8').trim();
			const bytes = Number(text);
			// "max" or a huge number (no limit set) means no cgroup budget.
			if (Number.isFinite(bytes) && bytes > 0 && bytes < 2 ** 50)
				return Math.floor(bytes / 2 ** 20);
		} catch {}
	}
	return null;
}

/** Megabytes one process (web or worker) may use. */
export function memoryBudgetMb(env = process.env) {
	const configured = Number(env.MEMORY_LIMIT_MB);
	if (Number.isFinite(configured) && configured > 0) return configured;
	return cgroupLimitMb() ?? DEFAULT_BUDGET_MB;
}

/**
 * Node flags for a process with this budget. Without a limit V8 grows its heap lazily (the web
 * process reached 1.46 GB under a minute of page loads); with one it collects sooner and, for
 * the same load, stayed under 90 MB of heap. The heap is not most of the RSS: measured at 300 MB
 * (apps/web/bench/memory.bench.ts) a loaded web process held ~80 MB of heap in ~260 MB, the rest
 * being Node's own code, the TypeScript stripper, loaded modules and malloc'd buffers. Giving
 * the old space 40 % instead of 50 % changed nothing measurable, so it keeps half as headroom
 * for a larger live set. MALLOC_ARENA_MAX=2 saved ~10 MB (two paired runs): not worth the
 * extra setting for now.
 */
export function memoryNodeArgs(env = process.env) {
	const budget = memoryBudgetMb(env);
	const oldSpace = Math.max(64, Math.floor(budget * 0.5));
	return [`--max-old-space-size=${oldSpace}`, '--max-semi-space-size=8'];
}

/** Resident memory of a process in MB (Linux /proc, else `ps`). */
export async function rssMb(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
		if (Number.isFinite(kb)) return kb / 1024;
	} catch {}
	const { execFileSync } = await import('node:child_process');
	return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' })) / 1024;
}

/** Samples a process's RSS every `everyMs` until stopped; `stop()` gives the peak in MB. */
export function rssSampler(pid, everyMs = 250) {
	let peak = 0;
	let timer;
	const sample = async () => {
		const mb = await rssMb(pid).catch(() => 0);
		if (mb > peak) peak = mb;
		return mb;
	};
	return {
		now: sample,
		start() {
			timer = setInterval(() => void sample(), everyMs);
		},
		stop() {
			clearInterval(timer);
			return peak;
		},
	};
}
