/** Where log-in and sign-up land when there is no usable `next`. */
export const DEFAULT_AFTER_LOGIN = '/customers';

// Pages that make no sense to come back to after logging in (and would loop or log out again).
const AUTH_PAGES = /^\/(login|signup|logout|forgot-password|reset-password)(\/|\?|#|$)/;

/**
 * The `?next=` a deep link carried to the log-in page, if it is a path on this site; otherwise
 * the default. Only "/x…" is allowed: "//host" and "/\host" are taken by browsers as another
 * host, a scheme ("https:", "javascript:") could go anywhere, and control characters are checked
 * before parsing because URL parsing strips tabs and newlines ("/\t/host" would become "//host").
 */
export function safeNextPath(next: string | null | undefined, fallback = DEFAULT_AFTER_LOGIN) {
	if (typeof next !== 'string' || next.length > 2_000) return fallback;
	if (!next.startsWith('/') || next[1] === '/' || next.includes('\\')) return fallback;
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
	if (/[\u0000-\u001f\u007f]/.test(next)) return fallback;
	const base = 'http://next.invalid';
	let url: URL;
	try {
		url = new URL(next, base);
	} catch {
		return fallback;
	}
	if (url.origin !== base) return fallback;
	const path = `${url.pathname}${url.search}${url.hash}`;
	return AUTH_PAGES.test(path) ? fallback : path;
}
