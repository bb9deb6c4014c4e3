import { json, type RequestHandler } from '@sveltejs/kit';
import { automatedMessagesOpenApi } from '#lib/server/api-v1-openapi.ts';
import { origin } from '#lib/server/runtime.ts';

/** The automated messages API's OpenAPI 3.1 document, linked from Settings → API keys. */
export const GET: RequestHandler = () =>
	json(automatedMessagesOpenApi(origin()), {
		headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' },
	});
