import { describe, expect, it } from 'vitest';
import { isForbiddenCrossSiteForm } from './csrf.ts';

const self = 'https://app.example';
const request = (method: string, headers: Record<string, string>) =>
	new Request(`${self}/somewhere`, { method, headers });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('isForbiddenCrossSiteForm', () => {
	it('refuses cross-site form posts everywhere else, as SvelteKit would', () => {
		for (const type of [
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'text/plain',
		]) {
			const cross = request('POST', { 'content-type': type, origin: 'https://evil.example' });
			expect(isForbiddenCrossSiteForm(cross, self, '/(auth)/signup')).toBe(true);
		}
		expect(isForbiddenCrossSiteForm(request('POST', {}), self, '/logout')).toBe(true);
		expect(isForbiddenCrossSiteForm(request('DELETE', form), self, '/x')).toBe(true);
	});

	it('lets same-origin posts, reads and non-form bodies through', () => {
		expect(isForbiddenCrossSiteForm(request('POST', { ...form, origin: self }), self, '/x')).toBe(
			false,
		);
		expect(isForbiddenCrossSiteForm(request('GET', {}), self, '/x')).toBe(false);
		const jsonPost = request('POST', { 'content-type': 'application/json', origin: 'https://e.x' });
		expect(isForbiddenCrossSiteForm(jsonPost, self, '/x')).toBe(false);
	});

	it('exempts only the public form, inbound and payment-webhook endpoints', () => {
		const cross = () => request('POST', { ...form, origin: 'https://shop.example' });
		expect(isForbiddenCrossSiteForm(cross(), self, '/api/forms/[formKey]')).toBe(false);
		expect(isForbiddenCrossSiteForm(cross(), self, '/api/inbound/email')).toBe(false);
		// Stripe's webhooks are verified by their signature, not by where they come from.
		expect(isForbiddenCrossSiteForm(cross(), self, '/api/payments/stripe/[webhookId]')).toBe(false);
		expect(isForbiddenCrossSiteForm(cross(), self, '/api/trpc/[...trpc]')).toBe(true);
		expect(isForbiddenCrossSiteForm(cross(), self, null)).toBe(true);
	});
});
