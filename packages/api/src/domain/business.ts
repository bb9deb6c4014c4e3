import { z } from 'zod';
import { INVOICE_EMAIL_MESSAGE_MAX, INVOICE_EMAIL_SUBJECT_MAX } from './invoice-email-template.ts';
import { LANGUAGES } from './language.ts';
import { PLANS } from './plan.ts';
import { multiLineText, singleLineText } from './text-input.ts';

export const DEFAULT_LOCALE = 'en-US';
// The send dialog's limits (invoice-email.ts, not imported: it pulls the translations into
// every bundle that imports the domain).
export const DEFAULT_TIME_ZONE = 'UTC';

/** The canonical BCP 47 tag when Intl can format numbers in it, else null. */
export function canonicalLocale(value: string): string | null {
	try {
		const [tag] = Intl.getCanonicalLocales(value);
		return tag && Intl.NumberFormat.supportedLocalesOf(tag).length > 0 ? tag : null;
	} catch {
		return null;
	}
}

/** The IANA name as Intl spells it ('europe/paris' → 'Europe/Paris'), else null. */
export function canonicalTimeZone(value: string): string | null {
	// Intl also takes raw offsets ('+01:00'); they are not zones and ignore daylight saving.
	if (!/^[A-Za-z]/.test(value)) return null;
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
	} catch {
		return null;
	}
}

const languageInput = z.enum(LANGUAGES, { error: 'Choose English, French, German or Spanish' });

const localeInput = singleLineText('Locale', 35).transform((v, ctx) => {
	const tag = canonicalLocale(v);
	if (tag) return tag;
	ctx.addIssue({ code: 'custom', message: 'Enter a valid locale (e.g. en-US or fr-FR)' });
	return z.NEVER;
});

const timeZoneInput = singleLineText('Time zone', 64).transform((v, ctx) => {
	const zone = canonicalTimeZone(v);
	if (zone) return zone;
	ctx.addIssue({ code: 'custom', message: 'Enter a valid time zone (e.g. Europe/Paris)' });
	return z.NEVER;
});

const optionalText = (max: number, label: string) =>
	multiLineText(label, max)
		.trim()
		.transform((v) => v || null);

/** The business details printed on invoices, edited on /settings. */
export const businessDetailsInput = z.object({
	name: singleLineText('Business name', 200).min(1, 'Business name is required'),
	email: singleLineText('Email', 254)
		.refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid email address')
		.transform((v) => v || null),
	address: optionalText(500, 'Address'),
	currency: singleLineText('Currency', 10)
		.toUpperCase()
		.refine(
			(v) => Intl.supportedValuesOf('currency').includes(v),
			'Choose a valid currency code (e.g. USD)',
		),
	invoicePrefix: singleLineText('Prefix', 12).regex(
		/^[A-Za-z0-9-/_.]*$/,
		'Use letters, digits, - / _ . only',
	),
	paymentTermsDays: z.coerce
		.number({ error: 'Enter a number of days' })
		.int('Enter whole days')
		.min(0, 'Payment terms cannot be negative')
		.max(365, 'Payment terms must be at most 365 days'),
	// Optional so callers that predate them (and the plan-only forms) leave them as they are.
	language: languageInput.optional(),
	locale: localeInput.optional(),
	timeZone: timeZoneInput.optional(),
	taxId: singleLineText('Tax ID', 50)
		.transform((v) => v || null)
		.optional(),
	/** Empty: the language's default template. */
	invoiceEmailSubject: singleLineText('Subject', INVOICE_EMAIL_SUBJECT_MAX)
		.transform((v) => v || null)
		.optional(),
	invoiceEmailMessage: optionalText(INVOICE_EMAIL_MESSAGE_MAX, 'Message').optional(),
});

/** What signup takes from the browser: anything unusable falls back to the defaults. */
export function signupRegional(browser: { language?: string; timeZone?: string }) {
	const locale = (browser.language && canonicalLocale(browser.language)) || DEFAULT_LOCALE;
	const primary = locale.split('-')[0]?.toLowerCase();
	const language = LANGUAGES.find((l) => l === primary) ?? 'en';
	const timeZone = (browser.timeZone && canonicalTimeZone(browser.timeZone)) || DEFAULT_TIME_ZONE;
	return { language, locale, timeZone };
}

export const planInput = z.object({ plan: z.enum(PLANS as ['starter', 'launch', 'grow']) });
