// Production server: adapter-node's handler behind a tiny Node server.
// adapter-node 6 no longer reads ORIGIN at run time and assumes https when no proxy says
// otherwise, which breaks SvelteKit's CSRF origin check on plain-http installs (localhost).
// We state the public origin from ORIGIN ourselves, overwriting whatever a client sent.
import { createServer, Server } from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const origin = new URL(process.env.ORIGIN ?? `http://localhost:${port}`);
// Inbound emails (with attachments) may be up to 10 MB; each endpoint enforces its own limit.
process.env.BODY_SIZE_LIMIT ??= '11M';
process.env.PROTOCOL_HEADER = 'x-rapport-proto';
process.env.HOST_HEADER = 'x-rapport-host';
/** How long requests in flight may take to finish after SIGTERM/SIGINT. */
const DRAIN_MS = 10_000;
/** Then how long closing the connection pools may take. */
const CLOSE_MS = 5_000;
/**
 * After we stop accepting, a client may already have written its next request on a keep-alive
 * connection we would see as idle; it gets this long to arrive (answered with `Connection:
 * close`) before idle connections are closed.
 */
const LATE_REQUEST_MS = 500;

const { handler } = await import('./build/handler.js');
// The public contact-form endpoint is answered before SvelteKit (see node-endpoint.ts), by the
// same factory the SvelteKit route uses under `vite dev` (form-server.ts, run from source).
const { createFormServer } = await import('./src/lib/server/forms/form-server.ts');
const forms = createFormServer();
// Answers SvelteKit sends without passing through hooks.server.ts (static assets, trailing-slash
// redirects, errors inside `handle`) still carry the security headers; pages overwrite them with
// their own (adapter-node sets each header with setHeader).
const { FRAME_CSP, SECURITY_HEADERS } = await import('./src/lib/server/security-headers.ts');

let closing = false;
let acceptingLate = true;
let inFlight = 0;
let drained = () => {};

// A request is done when its response is closed and SvelteKit's handler has returned: a handler
// still runs (and queries) after its client went away, so closed sockets alone do not say it.
function track(res, work) {
	inFlight++;
	let open = 2;
	const done = () => {
		if (--open > 0) return;
		inFlight--;
		if (closing && !acceptingLate) server.closeIdleConnections();
		if (inFlight === 0) drained();
	};
	res.once('close', done);
	Promise.resolve(work).finally(done);
}

const server = createServer((req, res) => {
	if (closing) res.setHeader('connection', 'close');
	if (forms.handle(req, res)) return track(res, undefined);
	req.headers['x-rapport-proto'] = origin.protocol.slice(0, -1);
	req.headers['x-rapport-host'] = origin.host;
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	res.setHeader('content-security-policy', FRAME_CSP);
	track(res, handler(req, res));
});
server.listen(port, host, () => console.log(`Listening on ${origin.origin} (port ${port})`));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Stop accepting, let the requests in flight finish (bounded), then close the pools: closing
 * them first turned every running request into a 500.
 */
async function shutdown(signal) {
	if (closing) return;
	closing = true;
	// net.Server's close, not http.Server's: that one also drops idle keep-alive connections at
	// once, racing requests already on their way (see LATE_REQUEST_MS).
	Server.prototype.close.call(server);
	// Event streams never end on their own: they are ended now (browsers reconnect elsewhere).
	process.emit('rapport:drain');
	const allDone = new Promise((resolve) => {
		drained = resolve;
	});
	await sleep(LATE_REQUEST_MS);
	acceptingLate = false;
	server.closeIdleConnections();
	if (inFlight > 0) await Promise.race([allDone, sleep(DRAIN_MS - LATE_REQUEST_MS)]);
	const unfinished = inFlight;
	server.closeAllConnections();
	// SvelteKit's side (hooks.server.ts) closes its deps; its listener's promise is awaited, which
	// process.emit would not do.
	const closes = process.listeners('sveltekit:shutdown').map((listener) => listener(signal));
	closes.push(forms.close());
	const closed = await Promise.race([
		Promise.allSettled(closes).then(() => true),
		sleep(CLOSE_MS).then(() => false),
	]);
	if (unfinished > 0 || !closed)
		console.error(
			JSON.stringify({
				level: 40,
				time: Date.now(),
				service: 'web',
				msg: 'shutdown forced',
				unfinishedRequests: unfinished,
				poolsClosed: closed,
			}),
		);
	process.exit(unfinished > 0 || !closed ? 1 : 0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
