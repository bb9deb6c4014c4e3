import { AUTOMATED_MESSAGE_LIMITS, bearerToken, RateLimitedError } from '@rapport/api/domain';
import { authenticateApiKey, postAutomatedMessage } from '@rapport/api/use-cases';
import { json, type RequestHandler } from '@sveltejs/kit';
import { apiError, apiErrorResponse } from '#lib/server/api-v1.ts';
import { readBodyCapped, TOO_LARGE } from '#lib/server/forms/read-body.ts';
import { automatedMessagesApi } from '#lib/server/runtime.ts';

const MAX_KB = AUTOMATED_MESSAGE_LIMITS.bodyBytes / 1024;

/**
 * The automated messages API (SPEC §5.3, documented at /api/v1/openapi.json). The key is checked
 * first, then its rate, then the body; the use case finds or creates the customer and queues the
 * email through the outbox. Exempt from the session lookup and the cross-site form check
 * (hooks.server.ts, csrf.ts): the bearer key is its only authority.
 */
export const POST: RequestHandler = async ({ request }) => {
	const api = automatedMessagesApi();
	try {
		const apiKey = await authenticateApiKey(
			api.deps,
			bearerToken(request.headers.get('authorization')),
		);
		const wait = await api.limiter.consume(apiKey.id);
		if (wait !== null) {
			throw new RateLimitedError(`Too many requests for this API key; retry in ${wait} s.`, wait);
		}
		const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
		if (type !== 'application/json') {
			return apiError(400, 'Send the body as JSON with Content-Type: application/json');
		}
		const raw = await readBodyCapped(request, AUTOMATED_MESSAGE_LIMITS.bodyBytes);
		if (raw === TOO_LARGE) return apiError(413, `The body is larger than ${MAX_KB} KB`);
		let body: unknown;
		try {
			body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
		} catch {
			return apiError(400, 'The body is not valid JSON (UTF-8)');
		}
		const { id, replayed } = await postAutomatedMessage(api.deps, apiKey, body);
		return json(
			{ id },
			{ status: 202, headers: replayed ? { 'idempotent-replayed': 'true' } : {} },
		);
	} catch (error) {
		return apiErrorResponse(error, api.log);
	}
};
