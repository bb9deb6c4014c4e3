import { json, type RequestHandler } from '@sveltejs/kit';
import { healthProbes } from '#lib/server/runtime.ts';

/** A dependency that does not answer within this long counts as down (a hung one, not only a refused one). */
const PROBE_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'down'> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
	});
	try {
		return (await Promise.race([probe(), timeout])) ? 'ok' : 'down';
	} catch {
		return 'down';
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Database, Redis and a live worker heartbeat; 503 when any is missing. Probed afresh on every
 * call over the shared connections, which reconnect by themselves: 200 again once they are back.
 */
export const GET: RequestHandler = async () => {
	const probes = healthProbes();
	const [database, redis, worker] = await Promise.all([
		check(probes.database),
		check(probes.redis),
		check(probes.worker),
	]);
	const ok = database === 'ok' && redis === 'ok' && worker === 'ok';
	return json(
		{ status: ok ? 'ok' : 'degraded', database, redis, worker },
		{ status: ok ? 200 : 503 },
	);
};
