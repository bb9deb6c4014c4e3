// `pnpm bench` (through bootstrap): every benchmark, each figure printed next to a reference
// measured in the same run. Load goes to loopback only; every loop is bounded in time.
import { fileURLToPath } from 'node:url';
import { log, run } from './lib/proc.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

log('benchmark: invoice rendering');
await run('node', ['apps/worker/bench/render.bench.ts'], { cwd: root });
