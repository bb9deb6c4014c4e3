import { join } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';

/** Shared Vitest settings: a JSON report per package when run by `npm test` (for the totals line). */
export function vitestConfig(
	name: string,
	extra: NonNullable<ViteUserConfig['test']> = {},
): ViteUserConfig {
	const dir = process.env.TEST_RESULTS_DIR;
	return {
		test: {
			include: ['src/**/*.test.ts'],
			reporters: dir ? ['default', 'json'] : ['default'],
			outputFile: dir ? { json: join(dir, `vitest-${name}.json`) } : undefined,
			testTimeout: 20_000,
			hookTimeout: 30_000,
			...extra,
		},
	};
}
