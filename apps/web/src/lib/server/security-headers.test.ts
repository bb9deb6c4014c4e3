import { describe, expect, it } from 'vitest';
import { withSecurityHeaders } from './security-headers.ts';

describe('withSecurityHeaders', () => {
	it('keeps a page policy and adds the other headers', () => {
		const page = new Response('<p>hi</p>', {
			headers: { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'" },
		});
		const headers = withSecurityHeaders(page).headers;
		expect(headers.get('content-security-policy')).toBe("default-src 'self'");
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(headers.get('x-frame-options')).toBe('DENY');
	});

	it('gives data answers a policy that loads nothing, other answers one that refuses framing', () => {
		const json = withSecurityHeaders(Response.json({ ok: true }));
		expect(json.headers.get('content-security-policy')).toBe(
			"default-src 'none'; frame-ancestors 'none'",
		);
		const pdf = withSecurityHeaders(
			new Response('%PDF', { headers: { 'content-type': 'application/pdf' } }),
		);
		expect(pdf.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
	});

	it('copies a response whose headers cannot be changed', async () => {
		const redirect = Response.redirect('http://localhost/login', 303);
		expect(() => redirect.headers.set('x-test', '1')).toThrow();
		const copy = withSecurityHeaders(redirect);
		expect(copy.status).toBe(303);
		expect(copy.headers.get('location')).toBe('http://localhost/login');
		expect(copy.headers.get('x-content-type-options')).toBe('nosniff');
	});
});
