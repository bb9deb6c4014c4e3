import type { RequestHandler } from '@sveltejs/kit';
import { PREFLIGHT_HEADERS } from '#lib/server/forms/responses.ts';

/** Public contact-form endpoint (SPEC §5.1); exempt from the CSRF check in hooks.server.ts. */
export const POST: RequestHandler = ({ request, params, locals, getClientAddress }) =>
	locals.deps.formIntake.handle(request, {
		formKey: params.formKey ?? '',
		clientAddress: getClientAddress(),
	});

/** CORS preflight for fetch() callers sending JSON or an Idempotency-Key. */
export const OPTIONS: RequestHandler = () =>
	new Response(null, { status: 204, headers: PREFLIGHT_HEADERS });
