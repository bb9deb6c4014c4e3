import { readFileSync } from 'node:fs';
import { formatMoney } from '@rapport/api/domain';
import type { RenderedEmail } from '@rapport/api/use-cases';
import Handlebars from 'handlebars';

const TEMPLATE_DIR = new URL('../../templates/', import.meta.url);

/**
 * The email templates, compiled once. HTML parts escape every value (Handlebars' default); text
 * parts are plain text and must not be HTML-escaped, so they compile with noEscape.
 */
export function loadEmailTemplates(locale = 'en-US') {
	const hbs = Handlebars.create();
	hbs.registerHelper('money', (minor: number, currency: string) =>
		formatMoney(minor, currency, locale),
	);
	const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
	hbs.registerHelper('date', (isoDate: string) => dates.format(new Date(`${isoDate}T00:00:00Z`)));
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
	};
}

export type EmailTemplates = ReturnType<typeof loadEmailTemplates>;
