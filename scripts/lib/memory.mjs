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
 * Node flags for a process with this budget. V8's old space gets well under half: the rest is
 * young generation, code, native buffers (pg, ioredis, pdfkit) and allocator slack.
 */
export function memoryNodeArgs(env = process.env) {
	const budget = memoryBudgetMb(env);
	const oldSpace = Math.max(64, Math.floor(budget * 0.5));
	return [`--max-old-space-size=${oldSpace}`, '--max-semi-space-size=8'];
}
