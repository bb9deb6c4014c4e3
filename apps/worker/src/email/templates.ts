import { readFileSync } from 'node:fs';
import { formatMoney } from '@rapport/api/domain';
import type { RenderedEmail } from '@rapport/api/use-cases';
import Handlebars from 'handlebars';

const TEMPLATE_DIR = new URL('../../templates/', import.meta.url);

/**
 * The email templates, compiled once. HTML parts escape every value (Handlebars' default); text
 * parts are plain text and must not be HTML-escaped, so they compile with noEscape. Money, numbers
 * and dates follow the rendered document's own `locale` when it has one, else `locale`.
 */
export function loadEmailTemplates(locale = 'en-US') {
	const hbs = Handlebars.create();
	const localeOf = (options: Handlebars.HelperOptions): string =>
		(options.data?.root as { locale?: unknown } | undefined)?.locale?.toString() || locale;
	hbs.registerHelper(
		'money',
		(minor: number, currency: string, options: Handlebars.HelperOptions) =>
			formatMoney(minor, currency, localeOf(options)),
	);
	hbs.registerHelper('date', (isoDate: string, options: Handlebars.HelperOptions) =>
		dateFormat(localeOf(options)).format(new Date(`${isoDate}T00:00:00Z`)),
	);
	// Quantities are decimal text ("1.5"): Intl takes it as a string, so it stays exact.
	hbs.registerHelper('decimal', (text: string, options: Handlebars.HelperOptions) =>
		numberFormat(localeOf(options)).format(text as `${number}`),
	);
	const compile = (name: string, noEscape: boolean) =>
		hbs.compile(readFileSync(new URL(name, TEMPLATE_DIR), 'utf8'), { noEscape, strict: true });
	const pair = (name: string) => {
		const html = compile(`${name}.html.hbs`, false);
		const text = compile(`${name}.text.hbs`, true);
		return (context: object): RenderedEmail => ({ html: html(context), text: text(context) });
	};
	return {
		invoice: pair('invoice-email'),
		reply: pair('reply-email'),
		verifyBusinessEmail: pair('verify-business-email'),
		resetPassword: pair('reset-password'),
	};
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string): Intl.DateTimeFormat {
	let format = dateFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
		dateFormats.set(locale, format);
	}
	return format;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string): Intl.NumberFormat {
	let format = numberFormats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
		numberFormats.set(locale, format);
	}
	return format;
}

export type EmailTemplates = ReturnType<typeof loadEmailTemplates>;
