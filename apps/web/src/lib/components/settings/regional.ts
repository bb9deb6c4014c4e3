import type { Language } from '@rapport/api/domain';

/** Each language named in itself, as its speakers look for it. */
export const LANGUAGE_OPTIONS: { code: Language; label: string }[] = [
	{ code: 'en', label: 'English' },
	{ code: 'fr', label: 'Français' },
	{ code: 'de', label: 'Deutsch' },
	{ code: 'es', label: 'Español' },
];

/** Suggestions for the time zone box; 'UTC' is valid but not in Intl's list of zones. */
export function timeZoneOptions(): string[] {
	return ['UTC', ...Intl.supportedValuesOf('timeZone')];
}

/**
 * The variables a template may use: INVOICE_EMAIL_VARIABLES of @rapport/api's invoice-email.ts,
 * spelled out because that module brings the translation catalogs with it.
 */
export const TEMPLATE_VARIABLES = ['number', 'total', 'dueDate', 'link', 'business', 'customer'];
