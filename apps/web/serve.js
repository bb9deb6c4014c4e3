// Production server: adapter-node's handler behind a tiny Node server.
// adapter-node 6 no longer reads ORIGIN at run time and assumes https when no proxy says
// otherwise, which breaks SvelteKit's CSRF origin check on plain-http installs (localhost).
// We state the public origin from ORIGIN ourselves, overwriting whatever a client sent.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
const origin = new URL(process.env.ORIGIN ?? `http://localhost:${port}`);
// Inbound emails (with attachments) may be up to 10 MB; each endpoint enforces its own limit.
process.env.BODY_SIZE_LIMIT ??= '11M';
process.env.PROTOCOL_HEADER = 'x-rapport-proto';
process.env.HOST_HEADER = 'x-rapport-host';

const { handler } = await import('./build/handler.js');
// The public contact-form endpoint is answered before SvelteKit (see node-endpoint.ts).
const { createFormServer } = await import('./src/lib/server/forms/form-server.ts');
const forms = createFormServer();

const server = createServer((req, res) => {
	if (forms.handle(req, res)) return;
	req.headers['x-rapport-proto'] = origin.protocol.slice(0, -1);
	req.headers['x-rapport-host'] = origin.host;
	handler(req, res);
});
server.listen(port, host, () => console.log(`Listening on ${origin.origin} (port ${port})`));

let closing = false;
function shutdown() {
	if (closing) return;
	closing = true;
	server.close(() => {
		process.emit('sveltekit:shutdown', 'SIGTERM');
		void forms.close();
	});
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
