import { type Database, retryFailedEmail } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';
import { enqueueEmail } from './enqueue.ts';

/** The owner's Retry of a failed (or uncertain) email: queued again under a fresh job. */
export async function retryEmail(
	deps: { db: Database; jobs: JobProducer },
	actor: Actor,
	input: { messageId: string },
) {
	if (!(await retryFailedEmail(deps.db, actor.businessId, input.messageId))) {
		throw new NotFoundError('Failed email');
	}
	await enqueueEmail(deps, input.messageId, { retry: true });
	return { messageId: input.messageId };
}
