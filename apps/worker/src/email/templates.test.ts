import { type InvoiceDocument, invoiceEmailLabels } from '@rapport/api/use-cases';
import { describe, expect, it } from 'vitest';
import { loadEmailTemplates } from './templates.ts';

function invoiceIn(language: InvoiceDocument['language'], locale: string): InvoiceDocument {
	return {
		status: 'sent',
		language,
		locale,
		business: { name: 'Fleurs & Co', email: 'bonjour@fleurs.example', address: null, taxId: null },
		customer: { name: 'Zoë', email: 'zoe@example.com', phone: null, address: null, taxId: null },
		invoice: {
			number: 'F-0007',
			issueDate: '2026-12-01',
			dueDate: '2026-12-31',
			currency: 'EUR',
			statusLabel: 'Sent',
			paidAt: null,
			notes: null,
		},
		items: [
			{
				description: 'Bouquet',
				quantity: '1.5',
				unitPriceMinor: 8033,
				taxRate: '20',
				netMinor: 12050,
				taxMinor: 2410,
			},
		],
		totals: { subtotalMinor: 12050, taxMinor: 2410, totalMinor: 14460 },
	};
}

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const templates = loadEmailTemplates();
const render = (document: InvoiceDocument, message = 'Merci pour votre confiance.') =>
	templates.invoice({
		...document,
		link: 'https://app.example/i/token',
		message,
		labels: invoiceEmailLabels(document),
	});

describe('invoice email template', () => {
	it('is written in the invoice language, with amounts in its locale', () => {
		const { html, text } = render(invoiceIn('fr', 'fr-FR'));
		expect(html).toContain('<html lang="fr">');
		expect(html).toContain('<title>Facture F-0007</title>');
		expect(html).toContain('Bonjour Zoë,');
		expect(html).toContain('Voir la facture en ligne');
		expect(nbsp(html)).toContain('120,50 €');
		expect(nbsp(html)).toContain('144,60 €');
		expect(html).toContain('Bouquet × 1,5');
		expect(html).toContain('Merci pour votre confiance.');
		expect(html).toContain('Fleurs &amp; Co');
		expect(html).not.toMatch(/Hello|View invoice online|Questions\?/);

		expect(text).toContain('Bonjour Zoë,');
		expect(nbsp(text)).toContain('TVA: 24,10 €');
		expect(nbsp(text)).toContain('Total: 144,60 €');
		expect(text).toContain('La consulter en ligne : https://app.example/i/token');
		expect(text).toContain('Des questions ? Répondez simplement à cet e-mail.');
		expect(text).toContain('Fleurs & Co'); // plain text is not HTML-escaped
	});

	it('renders German, Spanish and the English default', () => {
		expect(render(invoiceIn('de', 'de-DE')).text).toContain('Online ansehen: https://app.example');
		expect(render(invoiceIn('es', 'es-ES')).text).toContain('Hola Zoë:');
		const english = render(invoiceIn('en', 'en-US'), 'Thanks!');
		expect(english.text).toContain('Hello Zoë,');
		expect(english.text).toContain('Total: €144.60');
		expect(english.text).toContain('View it online: https://app.example/i/token');
		expect(english.html).toContain('<html lang="en">');
	});

	it('offers Pay now only when given a pay link, in the invoice language', () => {
		const link = 'https://app.example/i/token/pay';
		const withPay = templates.invoice({
			...invoiceIn('fr', 'fr-FR'),
			link: 'https://app.example/i/token',
			payLink: link,
			message: 'Merci.',
			labels: invoiceEmailLabels(invoiceIn('fr', 'fr-FR')),
		});
		expect(withPay.html).toContain(`href="${link}"`);
		expect(withPay.html).toContain('Payer maintenant');
		expect(withPay.html).toContain('Voir la facture en ligne');
		expect(withPay.text).toContain(`Payer en ligne : ${link}`);
		expect(withPay.text).toContain('La consulter en ligne : https://app.example/i/token');

		for (const payLink of [undefined, null]) {
			const without = templates.invoice({
				...invoiceIn('en', 'en-US'),
				link: 'https://app.example/i/token',
				payLink,
				message: 'Thanks!',
				labels: invoiceEmailLabels(invoiceIn('en', 'en-US')),
			});
			expect(without.html).not.toContain('/pay');
			expect(without.html).not.toContain('Pay now');
			expect(without.text).not.toContain('Pay online');
			expect(without.text).toContain('View it online: https://app.example/i/token');
		}
	});
});
