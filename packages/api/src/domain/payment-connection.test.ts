import { describe, expect, it } from 'vitest';
import {
	checkStripeCredentials,
	isWebhookId,
	secretKeyHint,
	stripeWebhookUrl,
} from './payment-connection.ts';

const secretKey = 'sk_test_51Hx9aBcDeFgHiJkLmNoP4242';
const webhookSecret = 'whsec_abcdefghijklmnopqrstuvwxyz012345';

describe('Stripe credentials', () => {
	it('accepts secret and restricted keys, test and live, trimmed', () => {
		for (const key of [
			secretKey,
			'sk_live_abcdefgh1234',
			'rk_test_abcdefgh1234',
			'rk_live_abcdefgh1234',
		]) {
			expect(checkStripeCredentials({ secretKey: ` ${key}\n`, webhookSecret })).toEqual({
				credentials: { secretKey: key, webhookSecret },
			});
		}
	});

	it('names the field and the mistake', () => {
		expect(checkStripeCredentials({ secretKey: '', webhookSecret: '' })).toEqual({
			errors: {
				secretKey: ['Enter your Stripe secret key'],
				webhookSecret: ['Enter your Stripe webhook secret'],
			},
		});
		const swapped = checkStripeCredentials({ secretKey: webhookSecret, webhookSecret: secretKey });
		expect(swapped).toEqual({
			errors: {
				secretKey: [expect.stringContaining('webhook secret')],
				webhookSecret: [expect.stringContaining('API key')],
			},
		});
		expect(checkStripeCredentials({ secretKey: 'pk_test_abcdefgh1234', webhookSecret })).toEqual({
			errors: { secretKey: [expect.stringContaining('publishable key')] },
		});
		for (const key of ['sk_abcdefgh', 'sk_test_short', 'sk_test_with spaces in it', 'hello']) {
			expect(checkStripeCredentials({ secretKey: key, webhookSecret })).toHaveProperty(
				'errors.secretKey',
			);
		}
		expect(checkStripeCredentials({ secretKey, webhookSecret: 'whsec_x' })).toHaveProperty(
			'errors.webhookSecret',
		);
	});

	it('shows only the kind and the last four characters of a key', () => {
		expect(secretKeyHint(secretKey)).toBe('sk_test_…4242');
		expect(secretKeyHint('rk_live_abcdefgh9876')).toBe('rk_live_…9876');
	});

	it('builds the webhook URL and recognises webhook ids', () => {
		expect(stripeWebhookUrl('https://app.example/', 'abc')).toBe(
			'https://app.example/api/payments/stripe/abc',
		);
		expect(isWebhookId('a'.repeat(32))).toBe(true);
		expect(isWebhookId('short')).toBe(false);
		expect(isWebhookId(`${'a'.repeat(30)}/..`)).toBe(false);
	});
});
