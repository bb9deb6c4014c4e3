import {
	type Database,
	deletePaymentConnection,
	type Executor,
	findPaymentConnectionByWebhookId,
	findPaymentConnectionSecrets,
	findPaymentConnectionSummary,
	upsertPaymentConnection,
} from '@rapport/db';
import { FieldValidationError } from '../../domain/field-errors.ts';
import {
	checkStripeCredentials,
	isWebhookId,
	STRIPE_WEBHOOK_EVENTS,
	secretKeyHint,
	stripeWebhookUrl,
} from '../../domain/payment-connection.ts';
import {
	decryptSecret,
	type EncryptionKey,
	encryptSecret,
	webhookIdFor,
} from '../../payments/secrets.ts';
import type { Actor } from '../actor.ts';

/** PAYMENTS_ENCRYPTION_KEY, parsed once by the app (or its text form, for tests). */
export interface PaymentSecretsDeps {
	payments: { encryptionKey: EncryptionKey };
}

// The stored ciphertext is bound to its business and field (see secrets.ts `context`).
const secretContext = (businessId: string, field: 'secretKey' | 'webhookSecret') =>
	`${businessId}:stripe:${field}`;

/**
 * Connect Stripe: the pasted secret key and webhook signing secret, checked for shape (Stripe is
 * not called), stored encrypted. Reconnecting replaces the secrets and keeps the webhook URL
 * already pasted into Stripe. Settings only: allowed on every plan, like recording webhooks.
 * Owner-only in effect: every user of a business is its owner (there are no roles yet).
 */
export async function connectStripe(
	deps: { db: Database } & PaymentSecretsDeps,
	actor: Actor,
	input: { secretKey: string; webhookSecret: string },
) {
	const checked = checkStripeCredentials(input);
	if ('errors' in checked) throw new FieldValidationError(checked.errors);
	const { secretKey, webhookSecret } = checked.credentials;
	const key = deps.payments.encryptionKey;
	return upsertPaymentConnection(deps.db, actor.businessId, {
		provider: 'stripe',
		secretKeyEncrypted: encryptSecret(secretKey, key, secretContext(actor.businessId, 'secretKey')),
		webhookSecretEncrypted: encryptSecret(
			webhookSecret,
			key,
			secretContext(actor.businessId, 'webhookSecret'),
		),
		secretKeyHint: secretKeyHint(secretKey),
		webhookId: webhookIdFor(key, actor.businessId),
	});
}

/**
 * Forgets the secrets: Pay now disappears and the webhook URL answers 404 until Stripe is
 * connected again (then with the same URL). Idempotent.
 */
export async function disconnectStripe(deps: { db: Database }, actor: Actor) {
	return { disconnected: await deletePaymentConnection(deps.db, actor.businessId, 'stripe') };
}

/**
 * What Settings shows: whether Stripe is connected, the key's hint, and the webhook URL to paste
 * into Stripe — shown before connecting too, since Stripe reveals the signing secret only after.
 */
export async function viewPaymentConnection(
	deps: { db: Database; origin: string } & PaymentSecretsDeps,
	actor: Actor,
) {
	const row = await findPaymentConnectionSummary(deps.db, actor.businessId, 'stripe');
	const webhookId = row?.webhookId ?? webhookIdFor(deps.payments.encryptionKey, actor.businessId);
	return {
		provider: 'stripe' as const,
		connected: Boolean(row),
		secretKeyHint: row?.secretKeyHint ?? null,
		webhookUrl: stripeWebhookUrl(deps.origin, webhookId),
		connectedAt: row?.connectedAt ?? null,
		events: [...STRIPE_WEBHOOK_EVENTS],
	};
}

/**
 * The business's decrypted Stripe secrets, or null when it is not connected. Throws
 * SecretDecryptionError when PAYMENTS_ENCRYPTION_KEY is not the one they were stored with.
 */
export async function loadPaymentCredentials(
	deps: { db: Executor } & PaymentSecretsDeps,
	businessId: string,
) {
	const row = await findPaymentConnectionSecrets(deps.db, businessId, 'stripe');
	if (!row) return null;
	const key = deps.payments.encryptionKey;
	return {
		secretKey: decryptSecret(row.secretKeyEncrypted, key, secretContext(businessId, 'secretKey')),
		webhookSecret: decryptSecret(
			row.webhookSecretEncrypted,
			key,
			secretContext(businessId, 'webhookSecret'),
		),
		webhookId: row.webhookId,
	};
}

/** The connection a webhook URL names (no secrets), or null for an unknown or malformed id. */
export async function findConnectionByWebhookId(db: Executor, webhookId: string) {
	if (!isWebhookId(webhookId)) return null;
	const row = await findPaymentConnectionByWebhookId(db, webhookId);
	return row
		? { businessId: row.businessId, provider: row.provider, webhookId: row.webhookId }
		: null;
}

/** The decrypted webhook secret of the connection a webhook URL names, or null. */
export async function loadWebhookCredentials(
	deps: { db: Executor } & PaymentSecretsDeps,
	webhookId: string,
) {
	if (!isWebhookId(webhookId)) return null;
	const row = await findPaymentConnectionByWebhookId(deps.db, webhookId);
	if (!row) return null;
	return {
		businessId: row.businessId,
		provider: row.provider,
		webhookSecret: decryptSecret(
			row.webhookSecretEncrypted,
			deps.payments.encryptionKey,
			secretContext(row.businessId, 'webhookSecret'),
		),
	};
}
