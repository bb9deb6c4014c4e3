import { sendEmailJobId } from '@rapport/api/jobs';
import {
	type Database,
	finalizeSentEmail,
	markEmailUncertain,
	staleInFlightEmails,
	staleQueuedEmails,
} from '@rapport/db';
import type { Queue } from 'bullmq';
import { UNCERTAIN_OUTCOME } from './send-email.ts';

/** How long a send may hold its row before the sweep asks whether any job still holds it. */
export const IN_FLIGHT_GRACE_MS = 5 * 60_000;

/**
 * The outbox guarantee: an email recorded as queued always gets a job, even if the web process
 * died between committing the row and enqueueing. Jobs that already ended are replaced; live
 * ones are left alone (same job id), so nothing is sent twice — the row's state decides anyway.
 *
 * Sends whose job is gone (it failed for good, e.g. its worker kept dying) are settled too:
 * `accepted` — the server took it, only the bookkeeping is missing — is finished as sent, like
 * send-email's own retry; `sending` becomes `uncertain`, never queued again, because the
 * customer may already have it: the owner decides.
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

	const inFlight = await staleInFlightEmails(deps.db, new Date(now.getTime() - IN_FLIGHT_GRACE_MS));
	let uncertain = 0;
	let finished = 0;
	if (inFlight.length > 0) {
		// Any job of the row (first send or a Retry's) that may still run settles it itself.
		const live = await deps.emailQueue.getJobs(['active', 'waiting', 'delayed', 'prioritized']);
		const held = new Set(live.map((job) => (job?.data as { messageId?: string })?.messageId));
		for (const row of inFlight) {
			if (held.has(row.id)) continue;
			if (row.deliveryState === 'accepted') {
				await deps.db.transaction().execute((trx) => finalizeSentEmail(trx, row.id, row.invoiceId));
				finished++;
			} else {
				await markEmailUncertain(deps.db, row.id, UNCERTAIN_OUTCOME);
				uncertain++;
			}
		}
	}
	return { requeued, uncertain, finished };
}
