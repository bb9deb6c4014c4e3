import type { FieldErrors } from '@rapport/api/domain';
import { FRAME_CSP, SECURITY_HEADERS } from '../security-headers.ts';

/** Any website may post to a form endpoint; no credentials are ever involved. */
export const CORS_HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-expose-headers': 'Retry-After',
} as const;

/**
 * On every answer of the endpoint. In production it is answered before SvelteKit's hooks (see
 * node-endpoint.ts), so it sets the security headers itself; its HTML page keeps its inline
 * style and button handler, so its policy only refuses framing.
 */
export const FORM_HEADERS = {
	...CORS_HEADERS,
	...SECURITY_HEADERS,
	'content-security-policy': FRAME_CSP,
} as const;

export const PREFLIGHT_HEADERS = {
	...FORM_HEADERS,
	'access-control-allow-methods': 'POST, OPTIONS',
	'access-control-allow-headers': 'Content-Type, Accept, Idempotency-Key',
	'access-control-max-age': '86400',
} as const;

/** fetch()/JSON callers get JSON; a browser's plain form post gets pages and redirects. */
export type ReplyMode = 'json' | 'browser';

export function replyMode(accept: string | null, mediaType: string): ReplyMode {
	accept ??= '';
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

/**
 * An answer as plain data, so that the endpoint can be served by SvelteKit (a Response) or
 * straight from Node's HTTP server (the hot path in production, see serve.js).
 */
export interface FormReply {
	status: number;
	headers: Record<string, string>;
	body: string | null;
}

const JSON_TYPE = 'application/json';

export function problem(mode: ReplyMode, p: FormProblem): FormReply {
	const headers: Record<string, string> = { ...FORM_HEADERS };
	if (p.retryAfter !== undefined) headers['retry-after'] = String(p.retryAfter);
	if (mode === 'json') {
		const body = p.fieldErrors
			? { error: p.error, fieldErrors: p.fieldErrors }
			: { error: p.error };
		headers['content-type'] = JSON_TYPE;
		return { status: p.status, headers, body: JSON.stringify(body) };
	}
	headers['content-type'] = 'text/html; charset=utf-8';
	return { status: p.status, headers, body: problemPage(p) };
}

/** 202 with the submission id, or 303 to `_next` / the hosted thank-you page. */
export function accepted(mode: ReplyMode, id: string, redirectTo: string): FormReply {
	if (mode === 'json') {
		const headers = { ...FORM_HEADERS, 'content-type': JSON_TYPE };
		return { status: 202, headers, body: JSON.stringify({ id }) };
	}
	return { status: 303, headers: { ...FORM_HEADERS, location: redirectTo }, body: null };
}

export function preflight(): FormReply {
	return { status: 204, headers: { ...PREFLIGHT_HEADERS }, body: null };
}

export const toResponse = ({ status, headers, body }: FormReply) =>
	new Response(body, { status, headers });
