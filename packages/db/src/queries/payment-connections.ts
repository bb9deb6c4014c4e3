import type { Executor } from '../executor.ts';
import type { PaymentProviderName } from '../schema.ts';

/** What Settings shows of a connection: never a secret, encrypted or not. */
export async function findPaymentConnectionSummary(
	db: Executor,
	businessId: string,
	provider: PaymentProviderName,
) {
	return db
		.selectFrom('paymentConnections')
		.select(['provider', 'secretKeyHint', 'webhookId', 'connectedAt'])
		.where('businessId', '=', businessId)
		.where('provider', '=', provider)
		.executeTakeFirst();
}

/** The encrypted secrets, for the code that decrypts them (checkout, webhook verification). */
export async function findPaymentConnectionSecrets(
	db: Executor,
	businessId: string,
	provider: PaymentProviderName,
) {
	return db
		.selectFrom('paymentConnections')
		.select(['secretKeyEncrypted', 'webhookSecretEncrypted', 'webhookId'])
		.where('businessId', '=', businessId)
		.where('provider', '=', provider)
		.executeTakeFirst();
}

/** The business a webhook URL belongs to (its last segment is unique across businesses). */
export async function findPaymentConnectionByWebhookId(db: Executor, webhookId: string) {
	return db
		.selectFrom('paymentConnections')
		.select(['businessId', 'provider', 'secretKeyEncrypted', 'webhookSecretEncrypted', 'webhookId'])
		.where('webhookId', '=', webhookId)
		.executeTakeFirst();
}

/**
 * Connects (or reconnects with new secrets). A reconnect keeps the webhook id already pasted
 * into the provider's dashboard: `webhookId` is used only for a first connection.
 */
export async function upsertPaymentConnection(
	db: Executor,
	businessId: string,
	values: {
		provider: PaymentProviderName;
		secretKeyEncrypted: string;
		webhookSecretEncrypted: string;
		secretKeyHint: string;
		webhookId: string;
	},
) {
	return db
		.insertInto('paymentConnections')
		.values({ ...values, businessId })
		.onConflict((oc) =>
			oc.columns(['businessId', 'provider']).doUpdateSet((eb) => ({
				secretKeyEncrypted: eb.ref('excluded.secretKeyEncrypted'),
				webhookSecretEncrypted: eb.ref('excluded.webhookSecretEncrypted'),
				secretKeyHint: eb.ref('excluded.secretKeyHint'),
				connectedAt: new Date(),
			})),
		)
		.returning(['provider', 'secretKeyHint', 'webhookId', 'connectedAt'])
		.executeTakeFirstOrThrow();
}

/** True when there was a connection to remove. */
export async function deletePaymentConnection(
	db: Executor,
	businessId: string,
	provider: PaymentProviderName,
) {
	const result = await db
		.deleteFrom('paymentConnections')
		.where('businessId', '=', businessId)
		.where('provider', '=', provider)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}
