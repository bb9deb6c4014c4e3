// Tests of the dependency-free scripts (scripts/ is not a workspace package).
import { defineConfig } from 'vitest/config';
import { vitestConfig } from './vitest.shared.ts';

export default defineConfig(vitestConfig('scripts', { include: ['scripts/**/*.test.mjs'] }));
