import { createCaller, createContext } from '@rapport/api';
import { error } from '@sveltejs/kit';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { crossSiteFormResponse, isForbiddenCrossSiteForm } from '#lib/server/csrf.ts';
import { createDeps, type WebDeps } from '#lib/server/deps.ts';
import { loadEnv } from '#lib/server/env.ts';

let deps: WebDeps;

export const init: ServerInit = async () => {
	deps = createDeps(loadEnv());
	process.once('sveltekit:shutdown', () => deps.close());
};

// Public endpoints never need the session lookup.
const PUBLIC_PREFIXES = ['/healthz', '/api/forms/', '/api/inbound/'];

export const handle: Handle = async ({ event, resolve }) => {
	const { pathname } = event.url;
	// Kit's own CSRF check is off (vite.config.ts) so that public form endpoints can be exempt.
	if (isForbiddenCrossSiteForm(event.request, event.url.origin, event.route.id)) {
		return crossSiteFormResponse(event.request);
	}
	event.locals.deps = deps;
	event.locals.session = null;
	event.locals.user = null;

	// JSON mutations are outside SvelteKit's form CSRF check; refuse cross-site ones here.
	if (pathname.startsWith('/api/trpc') && event.request.method !== 'GET') {
		const origin = event.request.headers.get('origin');
		if (origin && origin !== event.url.origin) error(403, 'Cross-site request refused');
	}

	if (!PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) {
		const result = await deps.auth.api.getSession({ headers: event.request.headers });
		if (result) {
			const { user } = result;
			event.locals.user = { id: user.id, name: user.name, email: user.email };
			event.locals.session = { userId: user.id, businessId: user.businessId };
		}
	}
	event.locals.trpc = createCaller(
		createContext({
			db: deps.db,
			jobs: deps.jobs,
			mail: deps.mail,
			session: event.locals.session,
			events: deps.events,
		}),
	);
	return resolve(event);
};

// Only errors thrown by our own code are logged; users never see their details.
export const handleError: HandleServerError = (caught) => {
	if (caught.kind !== 'unknown') return;
	deps?.log.error({ err: caught.error, path: caught.event.url.pathname }, 'unhandled error');
	return { message: 'Something went wrong. Please try again.' };
};
