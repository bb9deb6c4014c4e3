import type { FieldErrors } from '@rapport/api/domain';

/** Any website may post to a form endpoint; no credentials are ever involved. */
export const CORS_HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-expose-headers': 'Retry-After',
} as const;

export const PREFLIGHT_HEADERS = {
	...CORS_HEADERS,
	'access-control-allow-methods': 'POST, OPTIONS',
	'access-control-allow-headers': 'Content-Type, Accept, Idempotency-Key',
	'access-control-max-age': '86400',
} as const;

/** fetch()/JSON callers get JSON; a browser's plain form post gets pages and redirects. */
export type ReplyMode = 'json' | 'browser';

export function replyMode(request: Request, mediaType: string): ReplyMode {
	const accept = request.headers.get('accept') ?? '';
	return mediaType === 'application/json' || accept.includes('application/json')
		? 'json'
		: 'browser';
}

export interface FormProblem {
	status: number;
	error: string;
	fieldErrors?: FieldErrors;
	retryAfter?: number;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small honest page for visitors whose form post failed, with the way back. */
function problemPage({ error, fieldErrors = {} }: FormProblem): string {
	const items = Object.entries(fieldErrors)
		.flatMap(([field, messages]) => messages.map((m) => (field === 'form' ? m : `${field}: ${m}`)))
		.map((line) => `<li>${escapeHtml(line)}</li>`)
		.join('');
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your message was not sent</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}</style>
</head><body><h1>Your message was not sent</h1><p>${escapeHtml(error)}</p>${items ? `<ul>${items}</ul>` : ''}
<p><button type="button" onclick="history.back()">Go back to the form</button></p></body></html>`;
}

export function problem(mode: ReplyMode, p: FormProblem): Response {
	const headers: Record<string, string> = { ...CORS_HEADERS };
	if (p.retryAfter !== undefined) headers['retry-after'] = String(p.retryAfter);
	if (mode === 'json') {
		const body = p.fieldErrors
			? { error: p.error, fieldErrors: p.fieldErrors }
			: { error: p.error };
		return Response.json(body, { status: p.status, headers });
	}
	headers['content-type'] = 'text/html; charset=utf-8';
	return new Response(problemPage(p), { status: p.status, headers });
}

/** 202 with the submission id, or 303 to `_next` / the hosted thank-you page. */
export function accepted(mode: ReplyMode, id: string, redirectTo: string): Response {
	if (mode === 'json') return Response.json({ id }, { status: 202, headers: CORS_HEADERS });
	return new Response(null, { status: 303, headers: { ...CORS_HEADERS, location: redirectTo } });
}
