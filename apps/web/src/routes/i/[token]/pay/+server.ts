import { NotFoundError } from '@rapport/api/domain';
import { type CheckoutOutcome, startCheckout } from '@rapport/api/use-cases';
import { error, type RequestHandler } from '@sveltejs/kit';
import { apiDeps } from '#lib/server/runtime.ts';

/** What the public page explains instead of a checkout (see its ?payment= notices). */
const REASONS: Record<Exclude<CheckoutOutcome['outcome'], 'checkout'>, string> = {
	paid: 'paid',
	not_set_up: 'not-set-up',
	unavailable: 'unavailable',
};

const seeOther = (location: string) =>
	new Response(null, {
		status: 303,
		headers: { location, 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' },
	});

/**
 * Pay now: the email's link (GET) and the public page's form (POST, so it works without
 * JavaScript) both land here and are sent on to a checkout made for the balance due right now.
 */
const pay: RequestHandler = async ({ params }) => {
	const token = params.token ?? '';
	const deps = apiDeps();
	let result: CheckoutOutcome;
	try {
		result = await startCheckout(deps, { token });
	} catch (cause) {
		if (cause instanceof NotFoundError) error(404, 'This invoice link is not valid any more.');
		throw cause;
	}
	if (result.outcome === 'checkout') return seeOther(result.url);
	if (result.outcome === 'unavailable') {
		deps.log.warn({ reason: result.reason }, 'pay now: checkout not available');
	}
	return seeOther(`/i/${encodeURIComponent(token)}?payment=${REASONS[result.outcome]}`);
};

export const GET = pay;
export const POST = pay;
