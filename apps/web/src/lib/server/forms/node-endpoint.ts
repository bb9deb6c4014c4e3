import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { FormIntake } from './intake.ts';
import { readNodeBodyCapped } from './read-body.ts';
import { FORM_HEADERS, type FormReply, preflight } from './responses.ts';

const PREFIX = '/api/forms/';

/**
 * The client address as adapter-node works it out (ADDRESS_HEADER, XFF_DEPTH), so per-IP
 * limits behave the same whichever server answers. Where adapter-node fails the request when
 * the configured header is missing, a form post is still taken, limited by its peer address.
 */
export function clientAddressOf(req: IncomingMessage, env: NodeJS.ProcessEnv = process.env) {
	const header = (env.ADDRESS_HEADER ?? '').toLowerCase();
	const value = header ? req.headers[header] : undefined;
	if (typeof value === 'string' && value) {
		if (header !== 'x-forwarded-for') return value;
		const addresses = value.split(',');
		const depth = Math.max(1, Number.parseInt(env.XFF_DEPTH ?? '1', 10) || 1);
		return (addresses[addresses.length - depth] ?? addresses[0]!).trim();
	}
	return req.socket.remoteAddress ?? '';
}

function send(req: IncomingMessage, res: ServerResponse, reply: FormReply) {
	// A body we stopped reading (too large) is not worth draining over this connection; any
	// other unread body is small and Node discards it to keep the connection alive.
	if (reply.status === 413 && !req.complete) reply.headers.connection = 'close';
	// A string body goes out in one write with the headers (a Buffer would be a second chunk).
	if (reply.body !== null) reply.headers['content-length'] = String(Buffer.byteLength(reply.body));
	res.writeHead(reply.status, reply.headers);
	res.end(reply.body ?? undefined);
}

/**
 * `POST|OPTIONS /api/forms/{key}` straight from Node's HTTP server, without building Fetch API
 * Request/Response objects or running SvelteKit's hooks and router: the public endpoint takes
 * bursts from every customer website at once. Returns false for anything else (SvelteKit's).
 */
export function createNodeFormEndpoint(intake: FormIntake, log: Logger) {
	return function handle(req: IncomingMessage, res: ServerResponse): boolean {
		const url = req.url ?? '';
		if (!url.startsWith(PREFIX)) return false;
		const query = url.indexOf('?');
		const formKey = url.slice(PREFIX.length, query === -1 ? undefined : query);
		if (!formKey || formKey.includes('/')) return false;
		if (req.method === 'OPTIONS') {
			send(req, res, preflight());
			return true;
		}
		if (req.method !== 'POST') return false;
		intake
			.submit({
				formKey,
				clientAddress: clientAddressOf(req),
				header: (name) => {
					const value = req.headers[name];
					return Array.isArray(value) ? value.join(', ') : (value ?? null);
				},
				readBody: (maxBytes) => readNodeBodyCapped(req, maxBytes),
			})
			.then(
				(reply) => send(req, res, reply),
				(err) => {
					log.error({ err, path: PREFIX }, 'unhandled error');
					const body = JSON.stringify({ error: 'Something went wrong. Please try again.' });
					const headers = { ...FORM_HEADERS, 'content-type': 'application/json' };
					send(req, res, { status: 500, headers, body });
				},
			);
		return true;
	};
}
