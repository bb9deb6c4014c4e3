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
		}),
	],
	...vitestConfig('web', {
		passWithNoTests: true,
		globalSetup: ['@rapport/db/testing/global-setup'],
	}),
});
