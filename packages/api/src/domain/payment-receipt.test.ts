import { describe, expect, it } from 'vitest';
import { paymentReceipt } from './payment-receipt.ts';

const receipt = (language: 'en' | 'fr' | 'de' | 'es', locale: string) =>
	paymentReceipt({
		language,
		locale,
		number: 'F-0007',
		currency: 'EUR',
		amountMinor: 5000,
		balanceMinor: 10480,
		paidOn: '2026-12-01',
		link: 'https://app.example/i/token',
	});
const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('paymentReceipt', () => {
	it('is written in the invoice language with its amounts, date, balance and link', () => {
		const fr = receipt('fr', 'fr-FR');
		expect(fr.subject).toBe('Paiement reçu pour la facture F-0007');
		expect(nbsp(fr.body)).toContain(
			'votre paiement de 50,00 € pour la facture F-0007 le 1 décembre 2026',
		);
		expect(nbsp(fr.body)).toContain('Reste à payer : 104,80 €');
		expect(fr.body).toContain('https://app.example/i/token');

		const de = receipt('de', 'de-DE');
		expect(de.subject).toBe('Zahlung für Rechnung F-0007 erhalten');
		expect(nbsp(de.body)).toContain('Offener Betrag: 104,80 €');

		const es = receipt('es', 'es-ES');
		expect(es.subject).toBe('Pago recibido de la factura F-0007');
		expect(nbsp(es.body)).toContain('Saldo pendiente: 104,80 €');

		expect(receipt('en', 'en-US').subject).toBe('Payment received for invoice F-0007');
	});
});
