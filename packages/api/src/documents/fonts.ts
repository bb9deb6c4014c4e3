import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

/**
 * DejaVu Sans (Bitstream Vera licence + public-domain additions): one TTF family covering Latin,
 * Greek, Cyrillic and the common currency signs, so any customer's name prints. The PDF standard
 * fonts (Helvetica…) only know WinAnsi and would drop "Дмитрий" or "Νίκος".
 *
 * The files are found through node_modules at run time, from wherever this code ends up. From
 * source (worker, Vitest) that is packages/api. In the web app's production build Vite bundles
 * @rapport/api into build/server, so the app that bundles it must list `dejavu-fonts-ttf` in its own
 * dependencies too, or pnpm's strict node_modules hides the package from the bundle.
 */
const require = createRequire(import.meta.url);

export interface InvoiceFonts {
	regular: Font;
	bold: Font;
}

let cached: InvoiceFonts | undefined;

/**
 * The fonts, read and parsed once per process on first use. Given bytes, pdfkit parses the font
 * again for every document, and decoding its tables costs more than laying out the invoice (100
 * invoices: ~4 s instead of ~0.8 s). pdfkit only reads a parsed font (each document makes its own
 * subset), and a render never yields between layout and embedding, so documents can share it.
 */
export function invoiceFonts(): InvoiceFonts {
	cached ??= {
		regular: parse('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
		bold: parse('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
	};
	return cached;
}

function parse(specifier: string): Font {
	let path: string;
	try {
		path = require.resolve(specifier);
	} catch (cause) {
		const hint = 'add dejavu-fonts-ttf to the dependencies of the app that bundles @rapport/api';
		throw new Error(`Invoice font ${specifier} not found: ${hint}`, { cause });
	}
	const font = create(readFileSync(path));
	if ('fonts' in font) throw new Error(`${specifier} is a font collection, not a font`);
	// fontkit caches each glyph object the first time it is asked for. A subset asks for the
	// components of composite glyphs ("à" is "a" + "`") by id alone, caching them without their
	// code points; the next document then writes no ToUnicode entry for that letter and its text
	// cannot be copied or searched. Asking for every character first caches each glyph with its
	// code points (about 6,000 for DejaVu, once per process).
	for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
	return font;
}
