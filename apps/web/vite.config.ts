import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';
import { vitestConfig } from '../../vitest.shared.ts';

export default defineConfig({
	plugins: [tailwindcss(), sveltekit({ adapter: adapter(), compilerOptions: { runes: true } })],
	...vitestConfig('web', { passWithNoTests: true }),
});
