import { ServiceUnavailableError } from '@rapport/api/domain';
import { InvalidWebhookSignatureError, receivePaymentWebhook } from '@rapport/api/use-cases';
import { json, type RequestHandler } from '@sveltejs/kit';
import { readBodyCapped, TOO_LARGE } from '#lib/server/forms/read-body.ts';
import { paymentWebhooks } from '#lib/server/runtime.ts';

/** Stripe's events are a few KB; anything near this is not one of ours. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * A business's Stripe webhook (its URL is shown in Settings → Payments). It verifies the
 * signature and queues a payment; the worker records it exactly once. 200 only once Redis
 * holds the job: any other answer makes Stripe deliver the event again later.
 */
export const POST: RequestHandler = async ({ request, params }) => {
	const deps = paymentWebhooks();
	const body = await readBodyCapped(request, MAX_BODY_BYTES);
	if (body === TOO_LARGE)
		return json({ error: `The body is larger than ${MAX_BODY_BYTES / 1024} KB` }, { status: 413 });
	// The exact text Stripe signed.
	const rawBody = Buffer.from(body).toString('utf8');
	try {
		const receipt = await receivePaymentWebhook(deps, {
			webhookId: params.webhookId ?? '',
			rawBody,
			signature: request.headers.get('stripe-signature'),
		});
		switch (receipt.outcome) {
			case 'unknown':
				return json({ error: 'No Stripe connection has this webhook URL' }, { status: 404 });
			case 'unreadable':
				deps.log.error({ webhookId: params.webhookId }, 'stored Stripe webhook secret unreadable');
				return json(
					{ error: 'This connection must be set up again in Settings → Payments' },
					{ status: 503 },
				);
			case 'ignored':
				return json({ received: true, ignored: true });
			case 'queued':
				return json({ received: true });
		}
	} catch (error) {
		if (error instanceof InvalidWebhookSignatureError)
			return json({ error: error.message }, { status: 400 });
		if (error instanceof ServiceUnavailableError)
			return json({ error: error.message }, { status: 503, headers: { 'retry-after': '30' } });
		throw error;
	}
};
