/** The Origin of the page that posted the form, from Origin or else Referer; null if unknown. */
export function postingOrigin(headers: { origin: string | null; referer: string | null }) {
	for (const value of [headers.origin, headers.referer]) {
		if (!value || value === 'null') continue;
		try {
			const url = new URL(value);
			if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
		} catch {
			// Malformed header: try the next one.
		}
	}
	return null;
}

/**
 * Where to send the visitor after a browser form post, if `_next` is allowed: an http(s) URL
 * (absolute, or relative to the posting page) on the same host as the page that posted the
 * form. Anything else — another host, javascript:, no known posting page — is refused, so the
 * endpoint can never be used as an open redirect.
 */
export function allowedNextUrl(next: string | null, origin: string | null): string | null {
	if (!next || !origin) return null;
	try {
		const url = new URL(next, origin);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
		if (url.username || url.password) return null;
		return url.host === new URL(origin).host ? url.href : null;
	} catch {
		return null;
	}
}
