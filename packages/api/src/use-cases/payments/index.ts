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
export { type ManualPaymentInput, recordPayment } from './record.ts';
export { type OnlinePaymentOutcome, recordOnlinePayment } from './record-online.ts';
