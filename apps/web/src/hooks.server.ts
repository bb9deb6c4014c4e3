import { createCaller } from '@rapport/api';
import { json } from '@sveltejs/kit';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { contextFor } from '#lib/server/context.ts';
import { crossSiteFormResponse, isForbiddenCrossSiteForm } from '#lib/server/csrf.ts';
import { createDeps, type WebDeps } from '#lib/server/deps.ts';
import { loadEnv } from '#lib/server/env.ts';
import { errorAnswer } from '#lib/server/error-answer.ts';
import { startRuntime } from '#lib/server/runtime.ts';
import { withSecurityHeaders } from '#lib/server/security-headers.ts';

// Private to the server: routes reach what they need through runtime.ts or locals.trpc.
let deps: WebDeps;

export const init: ServerInit = async () => {
	deps = createDeps(loadEnv());
	startRuntime(deps);
	// serve.js emits 'rapport:drain' when it stops accepting (open event streams end), then
	// 'sveltekit:shutdown' once the requests in flight are done, and awaits what this returns.
	process.once('rapport:drain', () => deps.liveEvents.close());
	process.once('sveltekit:shutdown', () => deps.close());
};

// Public endpoints never need the session lookup.
const PUBLIC_PREFIXES = [
	'/healthz',
	'/api/forms/',
	'/api/inbound/',
	'/api/payments/stripe/',
	'/api/v1/',
];

// Every answer that passes through here carries the security headers, error pages and redirects
// included. An error thrown in this hook is answered by SvelteKit around it, without them:
// refusals below are returned, not thrown.
export const handle: Handle = async (input) => withSecurityHeaders(await handleRequest(input));

const handleRequest: Handle = async ({ event, resolve }) => {
	const { pathname } = event.url;
	// Kit's own CSRF check is off (vite.config.ts) so that public form endpoints can be exempt.
	if (isForbiddenCrossSiteForm(event.request, event.url.origin, event.route.id)) {
		return crossSiteFormResponse(event.request);
	}
	event.locals.session = null;
	event.locals.user = null;

	// JSON mutations are outside SvelteKit's form CSRF check; refuse cross-site ones here.
	if (pathname.startsWith('/api/trpc') && event.request.method !== 'GET') {
		const origin = event.request.headers.get('origin');
		if (origin && origin !== event.url.origin) {
			return json({ message: 'Cross-site request refused' }, { status: 403 });
		}
	}

	if (!PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) {
		const result = await deps.auth.api.getSession({ headers: event.request.headers });
		if (result) {
			const { user } = result;
			event.locals.user = { id: user.id, name: user.name, email: user.email };
			event.locals.session = { userId: user.id, businessId: user.businessId };
		}
	}
	event.locals.trpc = createCaller(contextFor(event.locals));
	// A load may set the document's language (a public invoice in French); the HTML says so
	// from the first byte, for screen readers and translation prompts.
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			event.locals.lang
				? html.replace('<html lang="en">', `<html lang="${event.locals.lang}">`)
				: html,
	});
};

// Only errors thrown by our own code are logged, under the ref the error page shows; users never
// see their details. Refusals from procedures keep their 4xx status (see error-answer.ts).
export const handleError: HandleServerError = (caught) => {
	if (caught.kind !== 'unknown') return;
	const logError = (details: Record<string, unknown>, message: string) =>
		deps ? deps.log.error(details, message) : console.error(message, details);
	return errorAnswer(caught.error, logError, caught.event.url.pathname);
};
