// Headers every answer carries. Pages get their full Content-Security-Policy from SvelteKit
// (kit.csp in vite.config.ts, with per-response nonces); this covers what kit.csp does not.

/** Set on every answer: pages, redirects, error pages, JSON, PDFs, the form endpoint. */
export const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	// For browsers without CSP frame-ancestors; nothing of ours is meant to be framed.
	'x-frame-options': 'DENY',
} as const;

/**
 * For answers without a policy of their own (endpoints, not pages). Data answers load nothing;
 * anything else (PDFs — Chromium's viewer runs inside the PDF's document —, the form
 * endpoint's small HTML page) only refuses to be framed.
 */
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";
export const FRAME_CSP = "frame-ancestors 'none'";
const DATA_TYPES = /^(application\/json|text\/event-stream|text\/plain)\b/;

function apply(headers: Headers) {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
	if (!headers.has('content-security-policy')) {
		const type = headers.get('content-type') ?? '';
		headers.set('content-security-policy', DATA_TYPES.test(type) ? DATA_CSP : FRAME_CSP);
	}
}

/** The response with the security headers; a copy when its headers are immutable (fetched). */
export function withSecurityHeaders(response: Response): Response {
	try {
		apply(response.headers);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		apply(copy.headers);
		return copy;
	}
}
