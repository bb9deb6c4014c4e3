import { describe, expect, it } from 'vitest';
import { createTranslator, documentLabelsFor, translatorFor } from '../i18n/index.ts';
import {
	fillInvoiceEmailLink,
	fillInvoiceEmailTemplate,
	invoiceEmailDefaults,
	invoiceEmailInput,
} from './invoice-email.ts';
import { LANGUAGES } from './language.ts';

const invoice = { number: 'F-0007', totalMinor: 12050, currency: 'EUR', dueDate: '2026-12-31' };
const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('invoice email', () => {
	it('defaults to the customer, a subject naming the business and a dated message', () => {
		expect(
			invoiceEmailDefaults(
				{ number: 'INV-0007', totalMinor: 12050, currency: 'USD', dueDate: '2026-12-31' },
				{ name: 'Bloom & Co.' },
				{ email: 'ana@example.com' },
			),
		).toEqual({
			to: 'ana@example.com',
			subject: 'Invoice INV-0007 from Bloom & Co.',
			message:
				'Here is invoice INV-0007 for $120.50, due on December 31, 2026. The PDF is attached.',
		});
		expect(
			invoiceEmailDefaults(
				{ number: 'A', totalMinor: 0, currency: 'USD', dueDate: '2026-01-01' },
				{ name: 'B' },
				{ email: null },
			).to,
		).toBe('');
	});

	it('refuses a malformed address and CR/LF in the subject; keeps lines in the message', () => {
		expect(invoiceEmailInput.safeParse({ to: 'nope' }).success).toBe(false);
		expect(invoiceEmailInput.safeParse({ subject: 'Hi\r\nBcc: a@b.c' }).success).toBe(false);
		expect(invoiceEmailInput.safeParse({ subject: '   ' }).success).toBe(false);
		expect(invoiceEmailInput.parse({ to: ' a@example.com ', message: 'Hi\r\nthere' })).toEqual({
			to: 'a@example.com',
			message: 'Hi\nthere',
		});
		expect(invoiceEmailInput.parse({})).toEqual({});
	});

	it('writes the default subject and message in the business language and locale', () => {
		const customer = { email: 'ana@example.com', name: 'Ana' };
		const fr = invoiceEmailDefaults(
			invoice,
			{ name: 'Bloom', language: 'fr', locale: 'fr-FR' },
			customer,
		);
		expect(fr.subject).toBe('Facture F-0007 de Bloom');
		expect(nbsp(fr.message)).toBe(
			'Veuillez trouver la facture F-0007 d’un montant de 120,50 €, à régler avant le 31 décembre 2026. Le PDF est joint.',
		);
		const de = invoiceEmailDefaults(
			invoice,
			{ name: 'Bloom', language: 'de', locale: 'de-DE' },
			customer,
		);
		expect(de.subject).toBe('Rechnung F-0007 von Bloom');
		expect(nbsp(de.message)).toContain('über 120,50 €, fällig am 31. Dezember 2026.');
		const es = invoiceEmailDefaults(
			invoice,
			{ name: 'Bloom', language: 'es', locale: 'es-ES' },
			customer,
		);
		expect(es.subject).toBe('Factura F-0007 de Bloom');
		expect(nbsp(es.message)).toContain('por 120,50 €, con vencimiento el 31 de diciembre de 2026.');
		// The language and the locale are independent: English words, British dates.
		const enGb = invoiceEmailDefaults(
			invoice,
			{ name: 'Bloom', language: 'en', locale: 'en-GB' },
			customer,
		);
		expect(enGb.message).toBe(
			'Here is invoice F-0007 for €120.50, due on 31 December 2026. The PDF is attached.',
		);
	});

	it("fills the business's own template; null means the language default", () => {
		const business = {
			name: 'Bloom',
			language: 'fr' as const,
			locale: 'fr-FR',
			invoiceEmailSubject: '{business} — facture {number}',
			invoiceEmailMessage: 'Bonjour {customer},\n{total} avant le {dueDate} : {link}\n{unknown} {',
		};
		const filled = invoiceEmailDefaults(invoice, business, { email: null, name: 'Ana' });
		expect(filled.subject).toBe('Bloom — facture F-0007');
		expect(nbsp(filled.message)).toBe(
			'Bonjour Ana,\n120,50 € avant le 31 décembre 2026 : {link}\n{unknown} {',
		);
		// The public link is only known at delivery.
		expect(fillInvoiceEmailLink(filled.message, 'https://x.example/i/t')).toContain(
			': https://x.example/i/t\n{unknown} {',
		);
		const fallback = invoiceEmailDefaults(
			invoice,
			{ ...business, invoiceEmailSubject: null, invoiceEmailMessage: null },
			{ email: null },
		);
		expect(fallback.subject).toBe('Facture F-0007 de Bloom');
		// A name can never add a header line to the subject.
		const hostile = invoiceEmailDefaults(
			invoice,
			{ ...business, invoiceEmailSubject: '{customer} {number}' },
			{ email: null, name: 'Ana\r\nBcc: x@y.z' },
		);
		expect(hostile.subject).toBe('Ana Bcc: x@y.z F-0007');
		expect(fillInvoiceEmailTemplate('{number}{number}', { number: '1' })).toBe('11');
	});
});

describe('catalogs', () => {
	it('every language has every key of the English catalog', () => {
		const keys = (value: object, prefix = ''): string[] =>
			Object.entries(value).flatMap(([key, child]) =>
				typeof child === 'object' ? keys(child, `${prefix}${key}.`) : [`${prefix}${key}`],
			);
		const en = translatorFor('en');
		const english = keys(en('document', { returnObjects: true }) as object, 'document.');
		expect(english).toContain('document.billTo');
		for (const language of LANGUAGES) {
			const t = translatorFor(language);
			for (const key of english) expect(t(key), `${language} ${key}`).not.toBe(key);
		}
	});

	it('falls back to English for a key missing in a language', () => {
		const t = createTranslator('fr', {
			en: { document: { billTo: 'Bill to', notes: 'Notes' } },
			fr: { document: { billTo: 'Facturé à' } },
		});
		expect(t('document.billTo')).toBe('Facturé à');
		expect(t('document.notes')).toBe('Notes');
		expect(translatorFor('de')('email.greeting', { name: '<Ana>' })).toBe('Hallo <Ana>,');
	});
});

describe('documentLabelsFor', () => {
	it('gives the whole catalog as data, variables kept for the page to fill', () => {
		const fr = documentLabelsFor('fr');
		expect(fr.document.billTo).toBe('Facturé à');
		expect(fr.document.title).toBe('Facture {{number}}');
		expect(fr.page.download).toBe('Télécharger le PDF');
		expect(documentLabelsFor('en').status.void).toBe('Void');
	});
});
