import {
	type Database,
	type Executor,
	insertOutboundEmail,
	type NewOutboundEmail,
} from '@rapport/db';
import { newRfcMessageId } from '../../domain/email-identity.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';
import { enqueueEmail } from './enqueue.ts';

export type OutboundEmailDraft = Omit<NewOutboundEmail, 'rfcMessageId'>;

/** The outbox write: the email shows on the Messages tab at once as queued. */
export async function recordOutboundEmail(
	db: Executor,
	actor: Actor,
	mail: { domain: string },
	draft: OutboundEmailDraft,
) {
	return insertOutboundEmail(db, actor.businessId, {
		...draft,
		rfcMessageId: newRfcMessageId(mail.domain),
	});
}

/** Records an email (the outbox row, committed first) and hands it to the queue. */
export async function queueEmail(
	deps: { db: Database; jobs: JobProducer; mail: { domain: string } },
	actor: Actor,
	draft: OutboundEmailDraft,
) {
	const message = await recordOutboundEmail(deps.db, actor, deps.mail, draft);
	await enqueueEmail(deps, message.id);
	return message;
}
