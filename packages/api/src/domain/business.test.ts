import { describe, expect, it } from 'vitest';
import { businessDetailsInput, signupRegional } from './business.ts';

const base = {
	name: 'Acme',
	email: '',
	address: '',
	currency: 'EUR',
	invoicePrefix: 'INV-',
	paymentTermsDays: 14,
};

const errorsOf = (input: Record<string, unknown>) => {
	const parsed = businessDetailsInput.safeParse({ ...base, ...input });
	return parsed.success ? {} : parsed.error.flatten().fieldErrors;
};

describe('business details: language, locale, time zone, tax ID, email template', () => {
	it('canonicalises valid values', () => {
		const parsed = businessDetailsInput.parse({
			...base,
			language: 'de',
			locale: 'de-de',
			timeZone: 'europe/berlin',
			taxId: '  DE123456789 ',
			invoiceEmailSubject: '',
			invoiceEmailMessage: '  ',
		});
		expect(parsed).toMatchObject({
			language: 'de',
			locale: 'de-DE',
			timeZone: 'Europe/Berlin',
			taxId: 'DE123456789',
			invoiceEmailSubject: null,
			invoiceEmailMessage: null,
		});
	});

	it('leaves out what was not sent', () => {
		const parsed = businessDetailsInput.parse(base);
		expect(parsed).not.toHaveProperty('locale');
		expect(parsed).not.toHaveProperty('taxId');
	});

	it('refuses each bad value with a message on its field', () => {
		expect(errorsOf({ language: 'it' })).toHaveProperty('language');
		expect(errorsOf({ locale: 'not a locale' })).toHaveProperty('locale');
		expect(errorsOf({ locale: 'xx-YY' })).toHaveProperty('locale');
		expect(errorsOf({ timeZone: 'Mars/Base' })).toHaveProperty('timeZone');
		expect(errorsOf({ timeZone: '+01:00' })).toHaveProperty('timeZone');
		expect(errorsOf({ taxId: 'A'.repeat(51) })).toHaveProperty('taxId');
		expect(errorsOf({ taxId: 'DE1\nDE2' })).toHaveProperty('taxId');
		expect(errorsOf({ invoiceEmailSubject: 'a\r\nBcc: x@example.test' })).toHaveProperty(
			'invoiceEmailSubject',
		);
	});
});

describe('signupRegional', () => {
	it('takes the language from a supported browser locale', () => {
		expect(signupRegional({ language: 'es-MX', timeZone: 'America/Mexico_City' })).toEqual({
			language: 'es',
			locale: 'es-MX',
			timeZone: 'America/Mexico_City',
		});
	});

	it('falls back to en / en-US / UTC', () => {
		expect(signupRegional({})).toEqual({ language: 'en', locale: 'en-US', timeZone: 'UTC' });
		expect(signupRegional({ language: '', timeZone: 'nowhere' })).toEqual({
			language: 'en',
			locale: 'en-US',
			timeZone: 'UTC',
		});
	});
});
