import {
	type Database,
	findBusiness,
	findCustomer,
	latestInbound,
	touchCustomer,
} from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { replySubject } from '../../domain/message.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';
import { queueEmail } from '../outbound-email/queue.ts';

/** An email reply: shown at once as queued, then sent (or failed, with Retry). */
export async function sendReply(
	deps: { db: Database; jobs: JobProducer; mail: { domain: string } },
	actor: Actor,
	input: { customerId: string; body: string },
) {
	const [customer, business] = await Promise.all([
		findCustomer(deps.db, actor.businessId, input.customerId),
		findBusiness(deps.db, actor.businessId),
	]);
	if (!customer || !business) throw new NotFoundError('Customer');
	if (!customer.email) {
		throw new FieldValidationError({
			body: ['This customer has no email address yet. Add one to reply.'],
		});
	}
	// It answers their latest message: same subject, threaded by In-Reply-To.
	const answered = await latestInbound(deps.db, actor.businessId, customer.id);
	const message = await queueEmail(deps, actor, {
		kind: 'reply',
		customerId: customer.id,
		recipient: customer.email,
		subject: replySubject(answered?.subject, business.name),
		body: input.body,
		inReplyTo: answered?.rfcMessageId ?? null,
		invoiceId: null,
	});
	await touchCustomer(deps.db, actor.businessId, customer.id);
	return message;
}
