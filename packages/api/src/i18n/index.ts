import { createInstance, type TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../domain/language.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };

/** Every catalog, bundled: translating never touches the network or the filesystem. */
const CATALOGS: Record<Language, object> = { en, fr, de, es };

export type Translate = TFunction;

const translators = new Map<Language, Translate>();

/**
 * A translator over the given catalogs. A key missing from a catalog falls back to English, so a
 * partial translation never shows a raw key. Values are not HTML-escaped here: each renderer
 * (Handlebars, Svelte, pdfkit) escapes for its own output.
 */
export function createTranslator(
	language: Language,
	catalogs: Partial<Record<Language, object>> = CATALOGS,
): Translate {
	const instance = createInstance();
	// With the resources given and initAsync false, init has finished when it returns.
	void instance.init({
		lng: language,
		fallbackLng: DEFAULT_LANGUAGE,
		supportedLngs: [...LANGUAGES],
		resources: Object.fromEntries(
			Object.entries(catalogs).map(([code, catalog]) => [code, { translation: catalog }]),
		),
		initAsync: false,
		interpolation: { escapeValue: false },
		returnNull: false,
	});
	return instance.t;
}

/** The translator of customer-facing text in one language, created once and then shared. */
export function translatorFor(language: Language): Translate {
	let t = translators.get(language);
	if (!t) {
		t = createTranslator(language);
		translators.set(language, t);
	}
	return t;
}

/** Every customer-facing string, shaped like the English catalog. */
export type DocumentLabels = typeof en;

function resolveLeaves(node: object, t: Translate, prefix: string): object {
	return Object.fromEntries(
		Object.entries(node).map(([key, value]) => [
			key,
			typeof value === 'object' && value !== null
				? resolveLeaves(value, t, `${prefix}${key}.`)
				: t(`${prefix}${key}`, { skipInterpolation: true }),
		]),
	);
}

const labelCache = new Map<Language, DocumentLabels>();

/**
 * The whole catalog of one language as plain data (English where it has gaps), for a page that
 * renders a document in the browser without shipping i18next: {{variables}} are left in place
 * (see fillLabel).
 */
export function documentLabelsFor(language: Language): DocumentLabels {
	let labels = labelCache.get(language);
	if (!labels) {
		labels = resolveLeaves(en, translatorFor(language), '') as DocumentLabels;
		labelCache.set(language, labels);
	}
	return labels;
}
