import { type Database, failEmail } from '@rapport/db';
import { ServiceUnavailableError } from '../../domain/errors.ts';
import { sendEmailJobId } from '../../jobs/contract.ts';
import type { JobProducer } from '../../jobs/producer.ts';

export const QUEUE_UNAVAILABLE =
	'The email could not be queued because the job queue is unavailable. Nothing was sent; please try again in a moment.';

/**
 * Hands a recorded outbound email to the queue. The message row was committed first (it is the
 * outbox entry); the job id is derived from it, so a second enqueue of the same email is a no-op.
 * When the queue refuses, the row is marked failed with an honest reason and the caller gets
 * ServiceUnavailableError — nothing is left half-sent.
 */
export async function enqueueEmail(
	deps: { db: Database; jobs: JobProducer },
	messageId: string,
	opts: { retry?: boolean } = {},
) {
	// A retry needs a fresh job id: the ended job keeps the first one. The row's state machine
	// (only a queued email can be claimed) still guarantees a single send.
	const jobId = opts.retry
		? `${sendEmailJobId(messageId)}-retry-${Date.now()}`
		: sendEmailJobId(messageId);
	try {
		await deps.jobs.enqueue('send-email', { messageId }, { jobId });
	} catch (cause) {
		await failEmail(deps.db, messageId, QUEUE_UNAVAILABLE);
		throw new ServiceUnavailableError(QUEUE_UNAVAILABLE, { cause });
	}
}

/**
 * For emails the system queues on its own (receipts, scheduled reminders): when the queue
 * refuses, the row stays queued and the outbox sweep gives it its job later — nobody is there
 * to press Retry, and the email must not look failed.
 */
export async function enqueueEmailOrLeaveForSweep(deps: { jobs: JobProducer }, messageId: string) {
	try {
		await deps.jobs.enqueue('send-email', { messageId }, { jobId: sendEmailJobId(messageId) });
		return true;
	} catch {
		return false;
	}
}
