import type { RequestHandler } from '@sveltejs/kit';
import { preflight, toResponse } from '#lib/server/forms/responses.ts';

/**
 * Public contact-form endpoint (SPEC §5.1); exempt from the CSRF check in hooks.server.ts.
 * In production serve.js answers these paths before SvelteKit (form-server.ts); this route
 * serves `vite dev` and anything that runs the SvelteKit handler alone.
 */
export const POST: RequestHandler = ({ request, params, locals, getClientAddress }) =>
	locals.deps.forms().intake.handle(request, {
		formKey: params.formKey ?? '',
		clientAddress: getClientAddress(),
	});

/** CORS preflight for fetch() callers sending JSON or an Idempotency-Key. */
export const OPTIONS: RequestHandler = () => toResponse(preflight());
