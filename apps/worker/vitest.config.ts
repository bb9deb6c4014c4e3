import { defineConfig } from 'vitest/config';
import { vitestConfig } from '../../vitest.shared.ts';

export default defineConfig(
	vitestConfig('worker', { globalSetup: ['@rapport/db/testing/global-setup'] }),
);
