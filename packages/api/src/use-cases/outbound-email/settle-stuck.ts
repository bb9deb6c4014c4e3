import {
	type Database,
	markEmailUncertain,
	staleInFlightEmails,
	staleQueuedEmails,
} from '@rapport/db';
import { UNCERTAIN_OUTCOME } from './deliver.ts';
import { finishSentEmail } from './finish.ts';

/** How long a send may hold its row before the sweep asks whether any job still holds it. */
export const IN_FLIGHT_GRACE_MS = 5 * 60_000;

/** What the sweep needs of the email queue (the worker binds it to BullMQ). */
export interface OutboxQueue {
	/** Makes sure a send job exists for the email; false when a live one already does. */
	ensureSendJob(messageId: string): Promise<boolean>;
	/** Emails that a job which may still run (first send or a Retry) holds. */
	heldMessageIds(): Promise<Set<string>>;
}

/**
 * The outbox guarantee: an email recorded as queued always gets a job, even if the web process
 * died between committing the row and enqueueing. Live jobs are left alone, so nothing is sent
 * twice — the row's state decides anyway.
 *
 * Sends whose job is gone (it failed for good, e.g. its worker kept dying) are settled too:
 * `accepted` — the server took it, only the bookkeeping is missing — is finished as sent, like
 * deliverEmail's own retry; `sending` becomes `uncertain`, never queued again, because the
 * customer may already have it: the owner decides.
 */
export async function settleStuckEmails(
	deps: { db: Database; queue: OutboxQueue },
	now = new Date(),
) {
	const stale = await staleQueuedEmails(deps.db, new Date(now.getTime() - 60_000));
	let requeued = 0;
	for (const { id } of stale) {
		if (await deps.queue.ensureSendJob(id)) requeued++;
	}

	const inFlight = await staleInFlightEmails(deps.db, new Date(now.getTime() - IN_FLIGHT_GRACE_MS));
	let uncertain = 0;
	let finished = 0;
	if (inFlight.length > 0) {
		// Any job of the row that may still run settles it itself.
		const held = await deps.queue.heldMessageIds();
		for (const row of inFlight) {
			if (held.has(row.id)) continue;
			if (row.deliveryState === 'accepted') {
				await finishSentEmail(deps.db, row.id);
				finished++;
			} else {
				await markEmailUncertain(deps.db, row.id, UNCERTAIN_OUTCOME);
				uncertain++;
			}
		}
	}
	return { requeued, uncertain, finished };
}
