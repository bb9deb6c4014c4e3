import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import Stripe from 'stripe';

/**
 * A local stand-in for the two Stripe endpoints Rapport calls (create and retrieve a Checkout
 * Session) and for the hosted checkout page, so tests never reach the network. It reads the
 * form encoding the official SDK sends, checks the key like Stripe does, and keeps each session
 * under the key that created it: another account's key cannot read it.
 */

export interface FakeCheckoutSession {
	id: string;
	object: 'checkout.session';
	amount_subtotal: number;
	amount_total: number;
	currency: string;
	customer_email: string | null;
	metadata: Record<string, string>;
	mode: string;
	locale: string | null;
	payment_status: 'unpaid' | 'paid' | 'no_payment_required';
	status: 'open' | 'complete' | 'expired';
	success_url: string;
	cancel_url: string | null;
	url: string;
	created: number;
	livemode: false;
	/** What the checkout page lists (line_items[0][price_data][product_data][name]). */
	description: string;
}

export interface FakeStripe {
	/** Base URL, e.g. http://127.0.0.1:43121: give it to the SDK (STRIPE_API_URL). */
	url: string;
	sessions: Map<string, FakeCheckoutSession>;
	/** Every API request received, in order: method, path, the parsed form. */
	requests: { method: string; path: string; form: Record<string, string> }[];
	/**
	 * The next `times` API requests (1 by default) answer `status` (500 by default) with a
	 * Stripe error body; SDK retries count as requests.
	 */
	failNext(status?: number, times?: number): void;
	/** While down, every API connection is dropped without an answer: Stripe unreachable. */
	setDown(down: boolean): void;
	/** A signed `checkout.session.completed` (or async) event for one of this fake's sessions. */
	completedEvent(sessionId: string, options: CompletedEventOptions): SignedEvent;
	close(): Promise<void>;
}

export interface CompletedEventOptions {
	/** The business's webhook signing secret (whsec_…). */
	secret: string;
	type?: 'checkout.session.completed' | 'checkout.session.async_payment_succeeded';
	/** 'unpaid' for a delayed method (SEPA) whose money has not arrived yet. */
	paymentStatus?: 'paid' | 'unpaid';
	eventId?: string;
	amountTotal?: number;
	metadata?: Record<string, string>;
	/** Seconds since the epoch; now by default. */
	created?: number;
}

export interface SignedEvent {
	eventId: string;
	/** The exact body to POST: the signature covers these bytes. */
	payload: string;
	/** The Stripe-Signature header value. */
	signature: string;
}

const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

/**
 * Builds and signs the event Stripe sends when a checkout completes, the way Stripe's own test
 * helpers do. Takes the session as the API returned it, so it also serves a fake running in
 * another process (read the session with GET /v1/checkout/sessions/:id).
 */
export function checkoutCompletedEvent(
	session: Pick<
		FakeCheckoutSession,
		'id' | 'amount_total' | 'currency' | 'metadata' | 'customer_email'
	> &
		Partial<FakeCheckoutSession>,
	options: CompletedEventOptions,
): SignedEvent {
	const eventId = options.eventId ?? newId('evt');
	const paid = (options.paymentStatus ?? 'paid') === 'paid';
	const created = options.created ?? Math.floor(Date.now() / 1000);
	const event = {
		id: eventId,
		object: 'event',
		api_version: '2025-01-27.acacia',
		created,
		livemode: false,
		pending_webhooks: 1,
		request: { id: null, idempotency_key: null },
		type: options.type ?? 'checkout.session.completed',
		data: {
			object: {
				...session,
				object: 'checkout.session',
				amount_total: options.amountTotal ?? session.amount_total,
				metadata: options.metadata ?? session.metadata,
				payment_status: paid ? 'paid' : 'unpaid',
				status: 'complete',
				payment_intent: newId('pi'),
			},
		},
	};
	const payload = JSON.stringify(event);
	const signature = Stripe.webhooks.generateTestHeaderString({
		payload,
		secret: options.secret,
		timestamp: created,
	});
	return { eventId, payload, signature };
}

/** Starts the fake on 127.0.0.1 (a random port unless given). */
export async function startFakeStripe(options: { port?: number } = {}): Promise<FakeStripe> {
	const sessions = new Map<string, FakeCheckoutSession>();
	/** Which API key created each session: the account it belongs to. */
	const owners = new Map<string, string>();
	const requests: FakeStripe['requests'] = [];
	let fail = { status: 500, times: 0 };
	let down = false;
	const sockets = new Set<Socket>();
	let base = '';

	const server = createServer(async (req, res) => {
		const path = new URL(req.url ?? '/', 'http://fake').pathname;
		if (req.method === 'GET' && path.startsWith('/checkout/')) {
			return checkoutPage(res, sessions.get(decodeURIComponent(path.slice('/checkout/'.length))));
		}
		if (down) {
			req.socket.destroy();
			return;
		}
		const body = await readBody(req);
		const form = Object.fromEntries(new URLSearchParams(body));
		requests.push({ method: req.method ?? 'GET', path, form });
		if (fail.times > 0) {
			fail.times -= 1;
			return stripeError(res, fail.status, 'api_error', 'The fake was told to fail this request');
		}
		const key = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
		if (!key || !/^(sk|rk)_test_\w+$/.test(key)) {
			return stripeError(res, 401, 'invalid_request_error', 'Invalid API Key provided');
		}
		if (req.method === 'POST' && path === '/v1/checkout/sessions') {
			const checked = sessionFrom(form, base);
			if ('error' in checked) return stripeError(res, 400, 'invalid_request_error', checked.error);
			sessions.set(checked.id, checked);
			owners.set(checked.id, key);
			return json(res, 200, checked);
		}
		const retrieve = /^\/v1\/checkout\/sessions\/([\w-]+)$/.exec(path);
		if (req.method === 'GET' && retrieve) {
			const session = sessions.get(retrieve[1]!);
			if (!session || owners.get(session.id) !== key) {
				return stripeError(res, 404, 'invalid_request_error', 'No such checkout.session');
			}
			return json(res, 200, session);
		}
		return stripeError(res, 404, 'invalid_request_error', `Unrecognized request URL (${path})`);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url: base,
		sessions,
		requests,
		failNext: (status = 500, times = 1) => {
			fail = { status, times };
		},
		setDown: (value) => {
			down = value;
		},
		completedEvent(sessionId, eventOptions) {
			const session = sessions.get(sessionId);
			if (!session) throw new Error(`The fake has no checkout session ${sessionId}`);
			return checkoutCompletedEvent(session, eventOptions);
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** The parameters Rapport's checkout sends, checked the way Stripe refuses a bad request. */
function sessionFrom(
	form: Record<string, string>,
	base: string,
): FakeCheckoutSession | { error: string } {
	if (form.mode !== 'payment') return { error: 'mode must be payment' };
	if (!form.success_url) return { error: 'Missing required param: success_url.' };
	const item = 'line_items[0]';
	const currency = form[`${item}[price_data][currency]`];
	const unitAmount = Number(form[`${item}[price_data][unit_amount]`]);
	const quantity = Number(form[`${item}[quantity]`] ?? '1');
	const name = form[`${item}[price_data][product_data][name]`];
	if (!currency || !/^[a-z]{3}$/i.test(currency)) return { error: 'Invalid currency' };
	if (!Number.isInteger(unitAmount) || unitAmount < 1) {
		return { error: 'Invalid integer: line_items[0][price_data][unit_amount]' };
	}
	if (!Number.isInteger(quantity) || quantity < 1) return { error: 'Invalid quantity' };
	if (!name)
		return { error: 'Missing required param: line_items[0][price_data][product_data][name].' };
	const metadata: Record<string, string> = {};
	for (const [key, value] of Object.entries(form)) {
		const match = /^metadata\[(.+)\]$/.exec(key);
		if (match) metadata[match[1]!] = value;
	}
	const id = newId('cs');
	return {
		id,
		object: 'checkout.session',
		amount_subtotal: unitAmount * quantity,
		amount_total: unitAmount * quantity,
		currency: currency.toLowerCase(),
		customer_email: form.customer_email ?? null,
		metadata,
		mode: 'payment',
		locale: form.locale ?? null,
		payment_status: 'unpaid',
		status: 'open',
		success_url: form.success_url,
		cancel_url: form.cancel_url ?? null,
		url: `${base}/checkout/${id}`,
		created: Math.floor(Date.now() / 1000),
		livemode: false,
		description: name,
	};
}

function checkoutPage(res: ServerResponse, session: FakeCheckoutSession | undefined) {
	if (!session) {
		res.writeHead(404, { 'content-type': 'text/plain' }).end('No such checkout');
		return;
	}
	const amount = `${(session.amount_total / 100).toFixed(2)} ${session.currency.toUpperCase()}`;
	const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test checkout</title></head>
<body><main><h1>Test checkout</h1>
<p data-testid="checkout-description">${escapeHtml(session.description)}</p>
<p data-testid="checkout-amount">${escapeHtml(amount)}</p>
<p><a href="${escapeHtml(session.success_url)}">Pay</a>${
		session.cancel_url ? ` · <a href="${escapeHtml(session.cancel_url)}">Cancel</a>` : ''
	}</p></main></body></html>`;
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}

function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
	);
}

function json(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function stripeError(res: ServerResponse, status: number, type: string, message: string) {
	json(res, status, { error: { type, message } });
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
