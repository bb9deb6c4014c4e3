import { WORKER_HEARTBEAT_KEY } from '@rapport/api/jobs';
import { json, type RequestHandler } from '@sveltejs/kit';
import { sql } from 'kysely';

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'down'> {
	try {
		return (await probe()) ? 'ok' : 'down';
	} catch {
		return 'down';
	}
}

/** Database, Redis and a live worker heartbeat; 503 when any is missing. */
export const GET: RequestHandler = async ({ locals: { deps } }) => {
	const [database, redis, worker] = await Promise.all([
		check(() => sql`select 1`.execute(deps.db)),
		check(async () => (await deps.redis.ping()) === 'PONG'),
		check(() => deps.redis.get(WORKER_HEARTBEAT_KEY)),
	]);
	const ok = database === 'ok' && redis === 'ok' && worker === 'ok';
	return json(
		{ status: ok ? 'ok' : 'degraded', database, redis, worker },
		{ status: ok ? 200 : 503 },
	);
};
