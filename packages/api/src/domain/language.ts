/**
 * Languages a customer-facing document (PDF, invoice email, public page) can be written in. Adding
 * one: add its catalog in packages/api/src/i18n/locales/<code>.json and its code here.
 */
export const LANGUAGES = ['en', 'fr', 'de', 'es'] as const;

export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** The locale of documents that have none recorded (written before locales existed). */
export const DOCUMENT_FALLBACK_LOCALE = 'en-US';

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
