import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretDecryptionError } from '../../payments/secrets.ts';
import {
	checkoutSessionEvent,
	signStripeEvent,
	testWebhookSecret,
	useHarness,
} from '../../testing/harness.ts';
import {
	findConnectionByWebhookId,
	loadPaymentCredentials,
	loadWebhookCredentials,
} from './connection.ts';
import { InvalidWebhookSignatureError } from './provider.ts';
import { receivePaymentWebhook } from './receive-webhook.ts';

const { db, jobs, redis, prefix, payments, signedIn, anonymous } = useHarness();
const secretKey = () => `sk_test_${randomBytes(16).toString('hex')}4242`;

async function connected() {
	const owner = await signedIn();
	const input = { secretKey: secretKey(), webhookSecret: testWebhookSecret() };
	const view = await owner.caller.paymentSettings.connectStripe(input);
	const webhookId = view.webhookUrl?.split('/').pop() ?? '';
	return { ...owner, input, view, webhookId };
}

const stored = (businessId: string) =>
	db
		.selectFrom('paymentConnections')
		.selectAll()
		.where('businessId', '=', businessId)
		.executeTakeFirst();

describe('payment settings', () => {
	it('a new business is not connected, and already sees the webhook URL to enter in Stripe', async () => {
		const { caller } = await signedIn();
		const view = await caller.paymentSettings.view();
		expect(view).toEqual({
			provider: 'stripe',
			connected: false,
			secretKeyHint: null,
			webhookUrl: expect.stringMatching(
				/^http:\/\/rapport\.test\/api\/payments\/stripe\/[\w-]{32}$/,
			),
			connectedAt: null,
			events: ['checkout.session.completed', 'checkout.session.async_payment_succeeded'],
		});
		// Not live before the secrets are stored.
		const webhookId = view.webhookUrl.split('/').pop() ?? '';
		expect(await findConnectionByWebhookId(db, webhookId)).toBeNull();
		const after = await caller.paymentSettings.connectStripe({
			secretKey: secretKey(),
			webhookSecret: testWebhookSecret(),
		});
		expect(after.webhookUrl).toBe(view.webhookUrl);
		expect(await findConnectionByWebhookId(db, webhookId)).not.toBeNull();
	});

	it('connecting stores the secrets encrypted and shows only a hint and the webhook URL', async () => {
		const { business, input, view, webhookId } = await connected();
		expect(view).toMatchObject({
			connected: true,
			secretKeyHint: `sk_test_…4242`,
			webhookUrl: `http://rapport.test/api/payments/stripe/${webhookId}`,
		});
		expect(webhookId).toMatch(/^[\w-]{32}$/);
		expect(JSON.stringify(view)).not.toContain(input.secretKey);
		expect(JSON.stringify(view)).not.toContain(input.webhookSecret);
		const row = await stored(business.id);
		expect(row?.secretKeyEncrypted).toMatch(/^v1\./);
		expect(JSON.stringify(row)).not.toContain(input.secretKey.slice(8));
		expect(JSON.stringify(row)).not.toContain(input.webhookSecret.slice(6));
		expect(await loadPaymentCredentials({ db, payments }, business.id)).toEqual({
			...input,
			webhookId,
		});
	});

	it('reconnecting replaces the secrets and keeps the webhook URL', async () => {
		const { business, caller, view } = await connected();
		const next = { secretKey: 'rk_live_abcdefghijkl9999', webhookSecret: testWebhookSecret() };
		const again = await caller.paymentSettings.connectStripe(next);
		expect(again).toMatchObject({ webhookUrl: view.webhookUrl, secretKeyHint: 'rk_live_…9999' });
		expect(await loadPaymentCredentials({ db, payments }, business.id)).toMatchObject(next);
	});

	it('refuses malformed secrets field by field and stores nothing', async () => {
		const { business, caller } = await signedIn();
		const error = await caller.paymentSettings
			.connectStripe({ secretKey: 'pk_test_abcdefghijkl', webhookSecret: 'nope' })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TRPCError);
		expect((error as TRPCError).code).toBe('BAD_REQUEST');
		expect(
			(error as { cause?: { fieldErrors?: Record<string, string[]> } }).cause?.fieldErrors,
		).toEqual({
			secretKey: [expect.stringContaining('publishable key')],
			webhookSecret: [expect.stringContaining('whsec_')],
		});
		await expect(
			caller.paymentSettings.connectStripe({ secretKey: 'x'.repeat(501), webhookSecret: '' }),
		).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		expect(await stored(business.id)).toBeUndefined();
	});

	it('disconnecting forgets the secrets and retires the webhook URL; twice is harmless', async () => {
		const { business, caller, webhookId, view } = await connected();
		expect(await caller.paymentSettings.disconnect()).toMatchObject({
			connected: false,
			secretKeyHint: null,
			webhookUrl: view.webhookUrl,
		});
		expect(await caller.paymentSettings.disconnect()).toMatchObject({ connected: false });
		expect(await stored(business.id)).toBeUndefined();
		expect(await findConnectionByWebhookId(db, webhookId)).toBeNull();
		expect(await loadPaymentCredentials({ db, payments }, business.id)).toBeNull();
	});

	it('another business neither sees nor disconnects the connection', async () => {
		const mine = await connected();
		const other = await signedIn();
		expect(await other.caller.paymentSettings.view()).toMatchObject({ connected: false });
		await other.caller.paymentSettings.disconnect();
		expect(await mine.caller.paymentSettings.view()).toEqual(mine.view);
		// Connecting its own gets it a webhook URL of its own.
		const theirs = await other.caller.paymentSettings.connectStripe({
			secretKey: secretKey(),
			webhookSecret: testWebhookSecret(),
		});
		expect(theirs.webhookUrl).not.toBe(mine.view.webhookUrl);
		expect(await findConnectionByWebhookId(db, mine.webhookId)).toMatchObject({
			businessId: mine.business.id,
		});
	});

	it('secrets copied into another business’s row, or read with another key, do not decrypt', async () => {
		const mine = await connected();
		const other = await connected();
		const row = await stored(mine.business.id);
		await db
			.updateTable('paymentConnections')
			.set({ webhookSecretEncrypted: row!.webhookSecretEncrypted })
			.where('businessId', '=', other.business.id)
			.execute();
		await expect(loadWebhookCredentials({ db, payments }, other.webhookId)).rejects.toBeInstanceOf(
			SecretDecryptionError,
		);
		const otherKey = { encryptionKey: randomBytes(32) };
		await expect(
			loadPaymentCredentials({ db, payments: otherKey }, mine.business.id),
		).rejects.toBeInstanceOf(SecretDecryptionError);
	});

	it('is open on every plan (it only stores settings)', async () => {
		const { caller } = await signedIn({ plan: 'starter', trialEndsAt: null });
		await expect(
			caller.paymentSettings.connectStripe({
				secretKey: secretKey(),
				webhookSecret: testWebhookSecret(),
			}),
		).resolves.toMatchObject({ connected: true });
	});

	it('needs a signed-in user', async () => {
		await expect(anonymous().paymentSettings.view()).rejects.toMatchObject({
			code: 'UNAUTHORIZED',
		});
	});
});

describe('receiving a webhook', () => {
	const queue = new Queue('payments', { connection: redis, prefix });
	afterAll(() => queue.close());
	const receive = (webhookId: string, event: object, secret: string) =>
		receivePaymentWebhook({ db, jobs, payments }, { webhookId, ...signStripeEvent(event, secret) });

	it('queues a paid checkout once per event, for the business whose URL received it', async () => {
		const { business, input, webhookId } = await connected();
		const event = checkoutSessionEvent({
			invoiceId: 'f3a1c2d4-0000-4000-8000-000000000000',
			businessId: business.id,
			amountMinor: 15480,
		});
		const first = await receive(webhookId, event, input.webhookSecret);
		expect(first).toEqual({ outcome: 'queued', eventId: event.id });
		expect(await receive(webhookId, event, input.webhookSecret)).toEqual(first);
		const job = await queue.getJob(`payment-stripe-${event.id}`);
		expect(job?.name).toBe('record-online-payment');
		expect(job?.data).toMatchObject({
			provider: 'stripe',
			businessId: business.id,
			payment: { eventId: event.id, providerId: event.data.object.id, amountMinor: 15480 },
		});
		expect(await queue.getJobCountByTypes('waiting', 'delayed')).toBeGreaterThanOrEqual(1);
		const ids = (await queue.getJobs(['waiting'])).map((j) => j.id);
		expect(ids.filter((id) => id === `payment-stripe-${event.id}`)).toHaveLength(1);
	});

	it('answers unknown ids as unknown, refuses bad signatures and ignores other events', async () => {
		const { input, webhookId } = await connected();
		const event = checkoutSessionEvent({ amountMinor: 100 });
		expect(await receive('x'.repeat(32), event, input.webhookSecret)).toEqual({
			outcome: 'unknown',
		});
		expect(await receive('../../etc', event, input.webhookSecret)).toEqual({ outcome: 'unknown' });
		await expect(receive(webhookId, event, testWebhookSecret())).rejects.toBeInstanceOf(
			InvalidWebhookSignatureError,
		);
		const expired = checkoutSessionEvent({ type: 'checkout.session.expired', amountMinor: 100 });
		expect(await receive(webhookId, expired, input.webhookSecret)).toEqual({
			outcome: 'ignored',
			eventId: expired.id,
			type: 'checkout.session.expired',
		});
		expect(await queue.getJob(`payment-stripe-${event.id}`)).toBeUndefined();
		expect(await queue.getJob(`payment-stripe-${expired.id}`)).toBeUndefined();
	});

	it('another business’s signing secret does not pass at this business’s URL', async () => {
		const mine = await connected();
		const other = await connected();
		const event = checkoutSessionEvent({ businessId: other.business.id, amountMinor: 100 });
		await expect(receive(mine.webhookId, event, other.input.webhookSecret)).rejects.toBeInstanceOf(
			InvalidWebhookSignatureError,
		);
	});
});
