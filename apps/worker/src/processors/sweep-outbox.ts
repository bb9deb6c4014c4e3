import { sendEmailJobId } from '@rapport/api/jobs';
import { type Database, staleQueuedEmails } from '@rapport/db';
import type { Queue } from 'bullmq';

/**
 * The outbox guarantee: an email recorded as queued always gets a job, even if the web process
 * died between committing the row and enqueueing. Jobs that already ended are replaced; live
 * ones are left alone (same job id), so nothing is sent twice — the row's state decides anyway.
 */
export async function sweepOutbox(deps: { db: Database; emailQueue: Queue }, now = new Date()) {
	const stale = await staleQueuedEmails(deps.db, new Date(now.getTime() - 60_000));
	let requeued = 0;
	for (const { id } of stale) {
		const jobId = sendEmailJobId(id);
		const existing = await deps.emailQueue.getJob(jobId);
		const state = existing ? await existing.getState() : 'missing';
		if (state === 'completed' || state === 'failed') await existing?.remove();
		else if (state !== 'missing') continue;
		await deps.emailQueue.add('send-email', { messageId: id }, { jobId });
		requeued++;
	}
	return { requeued };
}
