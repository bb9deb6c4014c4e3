import type { Executor } from '@rapport/db';
import { ServiceUnavailableError } from '../../domain/errors.ts';
import { onlinePaymentJobId } from '../../jobs/contract.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import { SecretDecryptionError } from '../../payments/secrets.ts';
import { loadWebhookCredentials, type PaymentSecretsDeps } from './connection.ts';
import type { PaymentProvider } from './provider.ts';

export type WebhookReceipt =
	| { outcome: 'unknown' }
	/** The stored secret cannot be read (PAYMENTS_ENCRYPTION_KEY changed): reconnect. */
	| { outcome: 'unreadable' }
	| { outcome: 'ignored'; eventId: string; type: string }
	| { outcome: 'queued'; eventId: string };

export const WEBHOOK_QUEUE_UNAVAILABLE =
	'The payment could not be queued; nothing was recorded. The provider will deliver it again.';

/**
 * A provider's webhook at the business's URL: verify it, and hand a payment to the queue. It
 * answers fast and records nothing itself (recordOnlinePayment does, exactly once). Throws
 * InvalidWebhookSignatureError for a bad signature and ServiceUnavailableError when the queue
 * refused, so the provider retries; the job id is the event's, so a redelivery of an event
 * still queued adds nothing.
 */
export async function receivePaymentWebhook(
	deps: { db: Executor; jobs: JobProducer } & {
		payments: PaymentSecretsDeps['payments'] & { provider: PaymentProvider };
	},
	input: { webhookId: string; rawBody: string; signature: string | null },
): Promise<WebhookReceipt> {
	let connection: Awaited<ReturnType<typeof loadWebhookCredentials>>;
	try {
		connection = await loadWebhookCredentials(deps, input.webhookId);
	} catch (error) {
		if (error instanceof SecretDecryptionError) return { outcome: 'unreadable' };
		throw error;
	}
	if (!connection || connection.provider !== deps.payments.provider.name)
		return { outcome: 'unknown' };
	const event = deps.payments.provider.readWebhook(
		{ webhookSecret: connection.webhookSecret },
		{ rawBody: input.rawBody, signature: input.signature },
	);
	if (event.kind === 'other')
		return { outcome: 'ignored', eventId: event.eventId, type: event.type };
	const { payment } = event;
	try {
		await deps.jobs.enqueue(
			'record-online-payment',
			{ provider: connection.provider, businessId: connection.businessId, payment },
			{ jobId: onlinePaymentJobId(connection.provider, payment.eventId) },
		);
	} catch (cause) {
		throw new ServiceUnavailableError(WEBHOOK_QUEUE_UNAVAILABLE, { cause });
	}
	return { outcome: 'queued', eventId: payment.eventId };
}
