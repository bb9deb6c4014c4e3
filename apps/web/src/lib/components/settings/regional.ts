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
