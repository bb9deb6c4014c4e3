// Payment providers and their secrets at rest. The use cases see only the PaymentProvider
// interface (use-cases/payments/provider.ts); the web app and tests pick an implementation here.
export {
	decryptSecret,
	type EncryptionKey,
	encryptSecret,
	parseEncryptionKey,
	SecretDecryptionError,
	webhookIdFor,
} from './secrets.ts';
export {
	STRIPE_WEBHOOK_EVENTS,
	type StripeProviderOptions,
	stripeProvider,
	webhookEventOf,
} from './stripe.ts';
