import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import { vitestConfig } from '../../vitest.shared.ts';

export default defineConfig({
	plugins: [
		tailwindcss(),
		sveltekit({
			adapter: adapter(),
			compilerOptions: { runes: true },
			// Kit's CSRF check runs before any hook and cannot exempt a route; the same check runs
			// in hooks.server.ts (src/lib/server/csrf.ts) instead, minus the public form endpoints.
			csrf: { trustedOrigins: ['*'] },
			// Pages only (endpoints: src/lib/server/security-headers.ts). Scripts: our own files plus
			// the inline start-up script SvelteKit renders, by nonce ('auto'). Styles allow
			// 'unsafe-inline': style attributes (app.html, svelte-sonner's and bits-ui's positioning)
			// cannot carry a nonce, and a nonce in style-src would switch 'unsafe-inline' off.
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'object-src': ['none'],
					'base-uri': ['self'],
					'form-action': ['self'],
					'frame-ancestors': ['none'],
				},
			},
		}),
	],
	...vitestConfig('web', {
		passWithNoTests: true,
		globalSetup: ['@rapport/db/testing/global-setup'],
	}),
});
