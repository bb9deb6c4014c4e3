import { formatMoney } from '@rapport/api/domain';
import { page } from '$app/state';

/** Where numbers and dates are shown: a BCP 47 locale and an IANA time zone. */
export interface Regional {
	locale: string;
	timeZone: string;
}

const FALLBACK: Regional = { locale: 'en-US', timeZone: 'UTC' };

/**
 * The signed-in business's locale and time zone, from the (app) layout's data; en-US / UTC
 * elsewhere. Both server and browser render with them, so the two renders are identical.
 */
export function appRegional(): Regional {
	try {
		const business = page.data?.business as Partial<Regional> | undefined;
		if (typeof business?.locale === 'string' && typeof business.timeZone === 'string') {
			return { locale: business.locale, timeZone: business.timeZone };
		}
	} catch {
		// Read outside a component render on the server: no page, so no business.
	}
	return FALLBACK;
}

function dateTimeFormat(regional: Regional, options: Intl.DateTimeFormatOptions) {
	try {
		return new Intl.DateTimeFormat(regional.locale, options);
	} catch {
		return new Intl.DateTimeFormat(FALLBACK.locale, { ...options, timeZone: FALLBACK.timeZone });
	}
}

/** An instant, in the business's time zone. */
export function formatDateTime(value: Date | string, regional: Regional = appRegional()): string {
	return dateTimeFormat(regional, {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: regional.timeZone,
	}).format(new Date(value));
}

/**
 * Calendar dates ('YYYY-MM-DD', e.g. due dates) are plain dates: read in UTC so no time zone
 * shifts them by a day. Instants are shown on the business's calendar.
 */
export function formatDate(value: Date | string, regional: Regional = appRegional()): string {
	const calendar = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
	return dateTimeFormat(regional, {
		dateStyle: 'medium',
		timeZone: calendar ? 'UTC' : regional.timeZone,
	}).format(new Date(value));
}

/** Money in the business's locale. */
export function formatAmount(
	minor: number,
	currency: string,
	regional: Regional = appRegional(),
): string {
	return formatMoney(minor, currency, regional.locale);
}
