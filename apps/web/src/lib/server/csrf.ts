/**
 * SvelteKit's CSRF origin check, moved here so it can skip the few public endpoints that take
 * cross-site form posts by design. Kit 3 runs its own check before any hook and has no per-route
 * setting, so vite.config.ts turns it off (`csrf.trustedOrigins: ['*']`) and `handle` calls
 * this first, for every request. /api/v1/ authenticates by bearer key only (no cookie), so a
 * cross-site post to it carries no authority.
 */
const CROSS_SITE_ROUTES = ['/api/forms/', '/api/inbound/', '/api/v1/', '/api/payments/stripe/'];

// The content types a cross-site <form> (or Kit's own enhanced forms) can send.
const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata',
]);
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when Kit itself would refuse this request as a cross-site form submission. */
export function isForbiddenCrossSiteForm(
	request: Request,
	selfOrigin: string,
	routeId: string | null,
): boolean {
	if (!MUTATING.has(request.method)) return false;
	if (routeId && CROSS_SITE_ROUTES.some((prefix) => routeId.startsWith(prefix))) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
	if (type && !FORM_TYPES.has(type)) return false;
	return request.headers.get('origin') !== selfOrigin;
}

export function crossSiteFormResponse(request: Request): Response {
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	if (request.headers.get('accept') === 'application/json') {
		return Response.json({ message }, { status: 403 });
	}
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
}
