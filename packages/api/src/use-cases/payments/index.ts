export {
	connectStripe,
	disconnectStripe,
	findConnectionByWebhookId,
	loadPaymentCredentials,
	loadWebhookCredentials,
	type PaymentSecretsDeps,
	viewPaymentConnection,
} from './connection.ts';
export { deletePayment } from './delete.ts';
export { applyLedger } from './ledger.ts';
export {
	type Checkout,
	type CheckoutRequest,
	InvalidWebhookSignatureError,
	type PaymentProvider,
	PaymentProviderUnavailableError,
	type ProviderPaymentEvent,
	type ProviderWebhookEvent,
} from './provider.ts';
export {
	receivePaymentWebhook,
	WEBHOOK_QUEUE_UNAVAILABLE,
	type WebhookReceipt,
} from './receive-webhook.ts';
export { type ManualPaymentInput, recordPayment } from './record.ts';
export { type OnlinePaymentOutcome, recordOnlinePayment } from './record-online.ts';
export {
	type CheckoutOutcome,
	payNowOffered,
	type StartCheckoutDeps,
	startCheckout,
} from './start-checkout.ts';
