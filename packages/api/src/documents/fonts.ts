import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * DejaVu Sans (Bitstream Vera licence + public-domain additions): one TTF family covering Latin,
 * Greek, Cyrillic and the common currency signs, so any customer's name prints. The PDF standard
 * fonts (Helvetica…) only know WinAnsi and would drop "Дмитрий" or "Νίκος".
 *
 * Resolved through node_modules at run time rather than bundled: @rapport/api stays external to
 * Vite's server build, so the package is found the same way from source, Vitest and production.
 */
const require = createRequire(import.meta.url);

export interface FontFiles {
	regular: Buffer;
	bold: Buffer;
}

let cached: FontFiles | undefined;

/** The font files, read once per process on first use (about 1.4 MB). */
export function invoiceFonts(): FontFiles {
	cached ??= {
		regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
		bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
	};
	return cached;
}
