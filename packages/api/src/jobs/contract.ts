import { z } from 'zod';
import { formSubmissionBatchJob, formSubmissionJob } from './form-submission.ts';
import { onlinePaymentJob } from './online-payment.ts';

/**
 * Every background job: its queue and its payload schema. Producers and the worker both parse
 * with these schemas. Payloads carry ids, never data, and change only additively so jobs already
 * queued survive a deploy.
 */
export const jobContract = {
	'purge-expired-sessions': { queue: 'maintenance', payload: z.object({}) },
	'purge-deleted-notes': { queue: 'maintenance', payload: z.object({}) },
	/** Drops CSV uploads never started within a day (see purgeUnstartedImports). */
	'purge-unstarted-imports': { queue: 'maintenance', payload: z.object({}) },
	'sweep-outbox': { queue: 'maintenance', payload: z.object({}) },
	/** Finds due payment reminders and queues them (each step claimed once; see sweepReminders). */
	'sweep-reminders': { queue: 'maintenance', payload: z.object({}) },
	/** One outbound email (a reply or an invoice); the message row is its outbox entry. */
	'send-email': { queue: 'email', payload: z.object({ messageId: z.uuid() }) },
	/**
	 * An email to the business itself (a verification link, a password reset), not to a
	 * customer: never in the messages outbox. `id` names the row the worker reads: for
	 * 'verify-business-email' an email_verifications row, for 'reset-password' better-auth's
	 * verifications row (its ids are its own, not uuids), which holds the token: the payload never
	 * carries it.
	 */
	'send-account-email': {
		queue: 'email',
		payload: z.discriminatedUnion('kind', [
			z.object({ kind: z.literal('verify-business-email'), id: z.uuid() }),
			z.object({ kind: z.literal('reset-password'), id: z.string().regex(/^[\w-]{1,64}$/) }),
		]),
	},
	/** Unroutable inbound mail older than 30 days goes (see inbound_unroutable). */
	'purge-unroutable-email': { queue: 'maintenance', payload: z.object({}) },
	/**
	 * A raw RFC 5322 email from the inbound webhook. It carries the message itself (base64):
	 * nothing is stored before the worker has parsed and routed it.
	 */
	'ingest-inbound-email': {
		queue: 'inbound',
		payload: z.object({
			sourceId: z.string().min(1),
			raw: z.base64(),
			receivedAt: z.iso.datetime(),
		}),
	},
	/**
	 * Contact-form submissions to store, carrying their data (see form-submission.ts): those the
	 * endpoint accepted together, or one released from quarantine. Queue it with
	 * enqueueFormSubmissions.
	 */
	'ingest-form-submissions': { queue: 'ingest', payload: formSubmissionBatchJob },
	/**
	 * The old name for a single submission. Nothing queues it any more; the worker still takes
	 * the jobs of this name that an older release left queued (or in failed_jobs, to retry).
	 */
	'ingest-form-submission': { queue: 'ingest', payload: formSubmissionJob },
	/**
	 * A verified payment-provider webhook event that took money (see recordOnlinePayment). It
	 * carries the event as the provider's signature vouched for it; the queue is its own so
	 * payments are never stuck behind a backlog of email.
	 */
	'record-online-payment': { queue: 'payments', payload: onlinePaymentJob },
	/**
	 * A customer CSV import to run (customer_imports row): batches from its checkpoint, so a
	 * retry resumes where the last attempt stopped. Its own queue: 50,000 rows never wait behind
	 * email or block form ingestion.
	 */
	'import-customers': {
		queue: 'imports',
		payload: z.object({ businessId: z.uuid(), importId: z.uuid() }),
	},
} as const;

export type JobName = keyof typeof jobContract;
export type JobPayload<N extends JobName> = z.infer<(typeof jobContract)[N]['payload']>;
export type QueueName = (typeof jobContract)[JobName]['queue'];

export const queueNames: QueueName[] = [...new Set(Object.values(jobContract).map((j) => j.queue))];

/**
 * Retries with exponential backoff; bounded history so Redis does not grow without end. Outages
 * (database or Redis unreachable) use up no attempt, and what fails for good is kept in the
 * failed_jobs table, not only in this trimmed history (the worker's run-job.ts).
 */
export const defaultJobOptions = {
	attempts: 5,
	backoff: { type: 'exponential', delay: 2_000 },
	removeOnComplete: { count: 1_000 },
	removeOnFail: { count: 5_000 },
} as const;

export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
	return jobContract[name].payload.parse(data) as JobPayload<N>;
}

/** Each worker refreshes this key; the health check reads it. Expires when no worker is alive. */
export const WORKER_HEARTBEAT_KEY = 'rapport:worker:heartbeat';
export const WORKER_HEARTBEAT_TTL_MS = 15_000;

/** One job per provider event: a redelivery of an event still queued adds nothing. */
export function onlinePaymentJobId(provider: string, eventId: string): string {
	// BullMQ job ids may not contain ':'; provider ids are [A-Za-z0-9_] in practice.
	return `payment-${provider}-${eventId.replace(/[^\w-]/g, '_')}`;
}

/** Idempotent job id per outbound email: BullMQ keeps one job per message. */
export function sendEmailJobId(messageId: string): string {
	return `email-${messageId}`;
}

/** One job per start of an import; a restart after a failure gets a new one (`run` > 0). */
export function importCustomersJobId(importId: string, run = 0): string {
	return run === 0 ? `import-${importId}` : `import-${importId}-r${run}`;
}
