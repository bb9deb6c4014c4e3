import type { Redis } from 'ioredis';

/** Where outages are reported (a pino logger fits). */
export interface OutageLog {
	warn(obj: object, msg: string): void;
	info(obj: object, msg: string): void;
}

/**
 * Logs a Redis connection's outages once each: "redis down" when it fails, "redis back"
 * when it is ready again. ioredis reconnects on its own and emits an error per failed attempt
 * (every ~2 s for as long as Redis is away); without a listener it would print each one's
 * stack to stderr. `name` tells apart the connections of one process.
 */
export function watchRedis(redis: Redis, log: OutageLog, name: string): Redis {
	let down = false;
	const lost = (reason: string) => {
		if (down) return;
		down = true;
		log.warn({ connection: name, err: reason }, 'redis down');
	};
	redis.on('error', (err: Error) => lost(err.message));
	// A connection that dropped and is being retried (never after quit/disconnect): the retry may
	// succeed at once, before any error.
	redis.on('reconnecting', () => lost('connection lost'));
	redis.on('ready', () => {
		if (!down) return;
		down = false;
		log.info({ connection: name }, 'redis back');
	});
	return redis;
}

const CONNECTION_ERROR_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
]);

/**
 * Whether an error a BullMQ Worker or Queue emits is only its connection failing: watchRedis
 * already reports the outage once, so listeners skip these instead of logging each retry.
 */
export function isConnectionError(err: Error & { code?: string }): boolean {
	return (
		(err.code !== undefined && CONNECTION_ERROR_CODES.has(err.code)) ||
		err.message === 'Connection is closed.'
	);
}
