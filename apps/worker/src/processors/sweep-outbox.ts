import { sendEmailJobId } from '@rapport/api/jobs';
import { type OutboxQueue, settleStuckEmails } from '@rapport/api/use-cases';
import type { Database } from '@rapport/db';
import type { Queue } from 'bullmq';

export { IN_FLIGHT_GRACE_MS } from '@rapport/api/use-cases';

/** The email queue as the sweep sees it. */
function outboxQueue(emailQueue: Queue): OutboxQueue {
	return {
		// Jobs that already ended are replaced; live ones are left alone (same job id).
		async ensureSendJob(messageId) {
			const jobId = sendEmailJobId(messageId);
			const existing = await emailQueue.getJob(jobId);
			const state = existing ? await existing.getState() : 'missing';
			if (state === 'completed' || state === 'failed') await existing?.remove();
			else if (state !== 'missing') return false;
			await emailQueue.add('send-email', { messageId }, { jobId });
			return true;
		},
		async heldMessageIds() {
			const live = await emailQueue.getJobs(['active', 'waiting', 'delayed', 'prioritized']);
			return new Set(
				live.flatMap((job) => {
					const id = (job?.data as { messageId?: string } | undefined)?.messageId;
					return id ? [id] : [];
				}),
			);
		},
	};
}

/** The sweep-outbox job (repeating): see settleStuckEmails for what it guarantees. */
export async function sweepOutbox(deps: { db: Database; emailQueue: Queue }, now = new Date()) {
	return settleStuckEmails({ db: deps.db, queue: outboxQueue(deps.emailQueue) }, now);
}
