import {
	CUSTOMER_EMAIL_UNIQUE,
	type Database,
	type Executor,
	findCustomerByEmail,
	findMessageBySource,
	insertCustomer,
	isForeignKeyViolation,
	isUniqueViolation,
	lockActiveApiKey,
	retryFailedEmail,
	touchCustomer,
} from '@rapport/db';
import {
	type AutomatedMessageInput,
	automatedMessageSourceId,
	nameFromEmail,
	parseAutomatedMessage,
} from '../../domain/api-key.ts';
import { UnauthorizedError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import { systemActor } from '../actor.ts';
import { API_KEY_REFUSED, type ApiKeyIdentity } from '../api-keys/authenticate.ts';
import { enqueueEmail, QUEUE_UNAVAILABLE } from '../outbound-email/enqueue.ts';
import { recordOutboundEmail } from '../outbound-email/queue.ts';

const SOURCE_UNIQUE = 'messages_source_uq';

export interface PostAutomatedMessageDeps {
	db: Database;
	jobs: JobProducer;
	mail: { domain: string };
}

/**
 * POST /api/v1/messages: an email from the business's own systems (a booking tool, a shop) to a
 * customer, found by email (any case) or created. It goes through the same outbox as every other
 * email (kind 'automated', with the key that posted it), so it has the same delivery states and
 * the customer's Reply-To token, and their reply threads back to them.
 *
 * The email is composed from `text`, in the business's own layout like a reply: `html` is
 * checked but not sent, since a message row keeps one body (what the Messages tab shows as
 * text). The same `idempotencyKey` answers the first message (messages_source_uq).
 */
export async function postAutomatedMessage(
	deps: PostAutomatedMessageDeps,
	apiKey: ApiKeyIdentity,
	body: unknown,
) {
	const parsed = parseAutomatedMessage(body);
	if (!parsed.ok) throw new FieldValidationError(parsed.fieldErrors);
	const input = parsed.value;
	const record = () =>
		deps.db.transaction().execute((trx) => recordMessage(trx, deps, apiKey, input));
	let result: Awaited<ReturnType<typeof record>>;
	try {
		result = await record();
	} catch (error) {
		// Two requests raced on the same idempotency key or the same new customer, or a merge took
		// the customer away meanwhile: the loser's transaction is gone, and running it again finds
		// what the winner wrote (or the merge's survivor).
		if (
			!isUniqueViolation(error, SOURCE_UNIQUE) &&
			!isUniqueViolation(error, CUSTOMER_EMAIL_UNIQUE) &&
			!isForeignKeyViolation(error)
		)
			throw error;
		result = await record();
	}
	const { message, replayed } = result;
	if (!replayed) {
		await enqueueEmail(deps, message.id);
	} else if (message.deliveryState === 'queued') {
		// The first request may have stopped between its commit and the queue: the job id is the
		// message's, so this is a no-op when the job is there.
		await enqueueEmail(deps, message.id);
	} else if (message.deliveryState === 'failed' && message.deliveryError === QUEUE_UNAVAILABLE) {
		// The first answer was 503 (nothing sent): the retry the caller was told to make sends it.
		if (await retryFailedEmail(deps.db, apiKey.businessId, message.id)) {
			await enqueueEmail(deps, message.id, { retry: true });
		}
	}
	return { id: message.id, replayed };
}

async function recordMessage(
	trx: Executor,
	deps: PostAutomatedMessageDeps,
	apiKey: ApiKeyIdentity,
	input: AutomatedMessageInput,
) {
	// Held FOR SHARE until commit: a revocation that committed first refuses this post, one that
	// starts now waits for it. Nothing is posted with a key after its revocation.
	const key = await lockActiveApiKey(trx, apiKey.businessId, apiKey.id);
	if (!key) throw new UnauthorizedError(API_KEY_REFUSED);
	const sourceId = input.idempotencyKey ? automatedMessageSourceId(input.idempotencyKey) : null;
	if (sourceId) {
		const first = await findMessageBySource(trx, apiKey.businessId, sourceId);
		if (first) return { message: first, replayed: true };
	}
	const customer =
		(await findCustomerByEmail(trx, apiKey.businessId, input.to)) ??
		(await insertCustomer(trx, apiKey.businessId, {
			name: input.name || nameFromEmail(input.to),
			email: input.to,
		}));
	const message = await recordOutboundEmail(trx, systemActor(apiKey.businessId), deps.mail, {
		kind: 'automated',
		customerId: customer.id,
		recipient: input.to,
		subject: input.subject,
		body: input.text,
		inReplyTo: null,
		invoiceId: null,
		apiKeyId: key.id,
		sourceId,
	});
	await touchCustomer(trx, apiKey.businessId, customer.id);
	return {
		message: { id: message.id, deliveryState: message.deliveryState, deliveryError: null },
		replayed: false,
	};
}
