import {
	type Database,
	INVOICE_ACTIVE_SEND_UNIQUE,
	isUniqueViolation,
	retryFailedEmail,
} from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';
import { enqueueEmail } from './enqueue.ts';

/** The owner's Retry of a failed (or uncertain) email: queued again under a fresh job. */
export async function retryEmail(
	deps: { db: Database; jobs: JobProducer },
	actor: Actor,
	input: { messageId: string },
) {
	const retried = await retryFailedEmail(deps.db, actor.businessId, input.messageId).catch(
		(error: unknown) => {
			// Send again already put another email of this invoice on its way.
			if (isUniqueViolation(error, INVOICE_ACTIVE_SEND_UNIQUE)) {
				throw new ConflictError('This invoice is already being sent.');
			}
			throw error;
		},
	);
	if (!retried) {
		throw new NotFoundError('Failed email');
	}
	await enqueueEmail(deps, input.messageId, { retry: true });
	return { messageId: input.messageId };
}
