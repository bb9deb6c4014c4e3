import { error, type RequestHandler } from '@sveltejs/kit';
import { liveEvents } from '#lib/server/runtime.ts';

/**
 * Server-sent events for the signed-in business: "something changed for customer X". Browsers
 * then reload what they show. Works with any number of web processes (Redis pub/sub behind it).
 */
export const GET: RequestHandler = ({ locals, request }) => {
	if (!locals.session) error(401, 'Please log in.');
	const { businessId } = locals.session;
	const encoder = new TextEncoder();
	let cleanup = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					cleanup();
				}
			};
			send('retry: 3000\n\n');
			const subscription = liveEvents().subscribe(
				businessId,
				(event) => send(`event: customer\ndata: ${JSON.stringify(event)}\n\n`),
				// Shutdown: the browser reconnects (`retry`) to another process or this one restarted.
				() => {
					cleanup();
					try {
						controller.close();
					} catch {}
				},
			);
			// From here on nothing is missed; the page reloads once to catch up with the moments
			// between rendering it and this subscription.
			subscription.ready.then(
				() => send('event: ready\ndata: {}\n\n'),
				() => {},
			);
			// Comments keep proxies from closing an idle stream.
			const keepAlive = setInterval(() => send(': keep-alive\n\n'), 25_000);
			cleanup = () => {
				clearInterval(keepAlive);
				subscription.stop();
			};
			request.signal.addEventListener('abort', () => cleanup());
		},
		cancel() {
			cleanup();
		},
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-store',
			connection: 'keep-alive',
		},
	});
};
