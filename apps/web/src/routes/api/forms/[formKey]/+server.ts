import type { RequestHandler } from '@sveltejs/kit';
import { preflight, toResponse } from '#lib/server/forms/responses.ts';
import { formServer } from '#lib/server/runtime.ts';

/**
 * Public contact-form endpoint (SPEC §5.1); exempt from the CSRF check in hooks.server.ts.
 * One entry point, forms/form-server.ts: in production serve.js answers these paths with it
 * before SvelteKit; this route answers with the same intake under `vite dev` (and anything else
 * that runs the SvelteKit handler alone).
 */
export const POST: RequestHandler = ({ request, params, getClientAddress }) =>
	formServer().intake.handle(request, {
		formKey: params.formKey ?? '',
		clientAddress: getClientAddress(),
	});

/** CORS preflight for fetch() callers sending JSON or an Idempotency-Key. */
export const OPTIONS: RequestHandler = () => toResponse(preflight());
