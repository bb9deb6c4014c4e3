import type { FieldErrors } from './field-errors.ts';

/** The events a business selects for its webhook endpoint in Stripe (Settings lists them). */
export const STRIPE_WEBHOOK_EVENTS = [
	'checkout.session.completed',
	'checkout.session.async_payment_succeeded',
] as const;

// Stripe's own shapes: secret (sk_) or restricted (rk_) keys, test or live; whsec_ signing secrets.
const SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,247}$/;
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=_-]{16,200}$/;

export interface StripeCredentials {
	secretKey: string;
	webhookSecret: string;
}

function secretKeyProblem(key: string): string | null {
	if (!key) return 'Enter your Stripe secret key';
	if (SECRET_KEY.test(key)) return null;
	if (/^pk_/.test(key))
		return 'That is the publishable key: paste the secret key (sk_live_… or sk_test_…)';
	if (/^whsec_/.test(key)) return 'That is the webhook secret: it goes in the field below';
	return 'A Stripe secret key starts with sk_live_, sk_test_ or rk_ (Stripe → Developers → API keys)';
}

function webhookSecretProblem(secret: string): string | null {
	if (!secret) return 'Enter your Stripe webhook secret';
	if (WEBHOOK_SECRET.test(secret)) return null;
	if (/^(sk|rk|pk)_/.test(secret))
		return 'That is an API key: paste the webhook signing secret (whsec_…)';
	return 'A Stripe webhook secret starts with whsec_ (shown on the webhook endpoint in Stripe)';
}

/** Checks the pasted values' shapes (Stripe itself is not asked); trims stray whitespace. */
export function checkStripeCredentials(
	input: StripeCredentials,
): { credentials: StripeCredentials } | { errors: FieldErrors } {
	const credentials = {
		secretKey: input.secretKey.trim(),
		webhookSecret: input.webhookSecret.trim(),
	};
	const errors: FieldErrors = {};
	const key = secretKeyProblem(credentials.secretKey);
	if (key) errors.secretKey = [key];
	const webhook = webhookSecretProblem(credentials.webhookSecret);
	if (webhook) errors.webhookSecret = [webhook];
	return Object.keys(errors).length ? { errors } : { credentials };
}

/** What the owner sees of a key: its kind and last four characters, e.g. "sk_test_…4242". */
export function secretKeyHint(key: string): string {
	const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? '';
	return `${prefix}…${key.slice(-4)}`;
}

/** The full URL to paste into Stripe as the webhook endpoint. */
export function stripeWebhookUrl(origin: string, webhookId: string): string {
	return `${origin.replace(/\/$/, '')}/api/payments/stripe/${webhookId}`;
}

/** Webhook ids we hand out; anything else in the URL is not looked up. */
export const isWebhookId = (value: string) => /^[A-Za-z0-9_-]{24,64}$/.test(value);
