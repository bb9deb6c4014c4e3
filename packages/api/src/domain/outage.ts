/**
 * Whether an error means a dependency (PostgreSQL, Redis) is unreachable for now rather than
 * that the job itself is wrong. Jobs failing this way are retried without limit: an outage says
 * nothing about the job, so it must not use up the job's attempts.
 *
 * Classified by the codes the drivers set, and by a few messages they throw without a code.
 * Messages are matched at their start only, so an error that merely quotes one (the mail
 * server's "Could not reach the mail server: …") keeps its own retry budget.
 */

/** Node socket errors: the peer is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EHOSTDOWN',
	'ENOTFOUND',
	'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs: connection exceptions, shutdown/restart, out of connections. */
const POSTGRES_CODES = new Set([
	'08000', // connection_exception
	'08001', // sqlclient_unable_to_establish_sqlconnection
	'08003', // connection_does_not_exist
	'08004', // sqlserver_rejected_establishment_of_sqlconnection
	'08006', // connection_failure
	'57P01', // admin_shutdown
	'57P02', // crash_shutdown
	'57P03', // cannot_connect_now (starting up, shutting down, recovering)
	'53300', // too_many_connections
	'57014', // query_canceled (statement timeout: a database too slow right now)
	'55P03', // lock_not_available (lock timeout)
]);

const OUTAGE_MESSAGES = [
	// pg
	/^Connection terminated/i,
	/^timeout exceeded when trying to connect/i,
	/^Client has encountered a connection error and is not queryable/i,
	/^Query read timeout/i,
	// ioredis
	/^Connection is closed/i,
	/^Reached the max retries per request limit/i,
	/^Stream isn't writeable/i,
	// Redis replies while it loads its data or fails over
	/^(LOADING|READONLY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN)\b/,
];

interface ErrorLike {
	code?: unknown;
	message?: unknown;
	cause?: unknown;
	errors?: unknown;
}

export function isOutageError(error: unknown, depth = 0): boolean {
	if (typeof error !== 'object' || error === null || depth > 5) return false;
	const e = error as ErrorLike;
	if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || POSTGRES_CODES.has(e.code)))
		return true;
	if (typeof e.message === 'string' && OUTAGE_MESSAGES.some((re) => re.test(e.message as string)))
		return true;
	// Node reports a refused connection to several addresses as an AggregateError of them.
	if (Array.isArray(e.errors) && e.errors.some((inner) => isOutageError(inner, depth + 1)))
		return true;
	return isOutageError(e.cause, depth + 1);
}

export const OUTAGE_RETRY_BASE_MS = 500;
export const OUTAGE_RETRY_MAX_MS = 30_000;

/** Delay before the `retry`-th consecutive retry after an outage (0-based): doubling, capped. */
export function outageRetryDelayMs(retry: number): number {
	const exponent = Math.min(Math.max(0, Math.floor(retry)), 16);
	return Math.min(OUTAGE_RETRY_MAX_MS, OUTAGE_RETRY_BASE_MS * 2 ** exponent);
}
