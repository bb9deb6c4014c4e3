import { customerFromSender, mergeCandidates, spamReason } from '@rapport/api/domain';
import type { PublishCustomerEvents } from '@rapport/api/events';
import type { FormSubmissionBatchJob, FormSubmissionJob } from '@rapport/api/jobs';
import { createMicroBatcher, type MicroBatcher } from '@rapport/api/jobs';
import { type Database, ingestFormBatch, quarantineFormSubmission } from '@rapport/db';
import type { Logger } from 'pino';

export const FORM_MESSAGE_SUBJECT = 'Contact form';

/** Stores submissions in one transaction: customers matched or created, one message each. */
export async function storeFormSubmissions(db: Database, jobs: readonly FormSubmissionJob[]) {
	const items = jobs.map((job) => ({
		job,
		businessId: job.businessId,
		customer: customerFromSender(job, new Date(job.acceptedAt)),
	}));
	const customers = mergeCandidates(items).map(({ businessId, customer }) => ({
		businessId,
		email: customer.email,
		name: customer.name,
		phone: customer.phone,
		lastActivityAt: customer.lastActivityAt,
	}));
	const messages = items.map(({ job, customer }) => ({
		businessId: job.businessId,
		email: customer.email,
		sourceId: job.submissionId,
		subject: FORM_MESSAGE_SUBJECT,
		body: job.message ?? '',
		fields: job.fields,
		senderName: job.name,
		createdAt: new Date(job.acceptedAt),
	}));
	return ingestFormBatch(db, customers, messages);
}

/** Per submission: the customer it was stored for, or null if it had been stored before. */
export type FormIngest = MicroBatcher<FormSubmissionJob, string | null>;

/**
 * The worker process's batcher: many concurrent jobs, one write per batch, and one live-update
 * message per business of the batch naming each customer once (a burst from one sender is one
 * notice).
 */
export function createFormIngest(
	deps: { db: Database; log: Logger; publish?: PublishCustomerEvents },
	opts: { batchSize: number; batchWaitMs: number; maxInFlight?: number },
): FormIngest {
	return createMicroBatcher<FormSubmissionJob, string | null>({
		maxSize: opts.batchSize,
		maxWaitMs: opts.batchWaitMs,
		maxInFlight: opts.maxInFlight,
		flush: async (jobs) => {
			const { stored } = await storeFormSubmissions(deps.db, jobs);
			const customerOf = new Map(stored.map((row) => [row.sourceId, row.customerId]));
			const results = jobs.map((job) => customerOf.get(job.submissionId) ?? null);
			const customersOf = new Map<string, Set<string>>(); // business → its customers
			for (const [i, customerId] of results.entries()) {
				if (!customerId) continue;
				const businessId = jobs[i]!.businessId;
				customersOf.set(businessId, (customersOf.get(businessId) ?? new Set()).add(customerId));
			}
			// Open dashboards show new messages at once; a lost notice only delays them to a reload.
			await Promise.all(
				[...customersOf].map(([businessId, customers]) =>
					deps
						.publish?.(
							businessId,
							[...customers].map((customerId) => ({ customerId, kind: 'message' })),
						)
						.catch(() => {}),
				),
			);
			return results;
		},
		onBatchError: (err, size) =>
			deps.log.warn({ err, size }, 'form batch failed; storing its submissions one by one'),
	});
}

/**
 * Spam (too fast after the form opened) goes to quarantine and creates no customer; everything
 * else joins the next batch. Retries are safe: both paths are idempotent per submission id.
 */
export async function ingestFormSubmission(
	job: FormSubmissionJob,
	deps: { db: Database; formIngest: FormIngest },
) {
	const reason = job.released ? null : spamReason(job, new Date(job.acceptedAt));
	if (reason) {
		await quarantineFormSubmission(deps.db, job.businessId, {
			submissionId: job.submissionId,
			payload: job,
			reason,
		});
		return { quarantined: true };
	}
	await deps.formIngest.add(job);
	return { stored: true };
}

/**
 * Submissions the endpoint accepted together. Each goes its own way (quarantine or the next
 * batch); the job fails, and is retried whole, if any of them could not be stored. Those that
 * were stored are skipped on the retry (idempotent per submission id).
 */
export async function ingestFormSubmissions(
	{ submissions }: FormSubmissionBatchJob,
	deps: { db: Database; formIngest: FormIngest },
) {
	const results = await Promise.allSettled(
		submissions.map((job) => ingestFormSubmission(job, deps)),
	);
	const failed = results.find((r) => r.status === 'rejected');
	if (failed) throw failed.reason;
	const quarantined = results.filter(
		(r) => r.status === 'fulfilled' && 'quarantined' in r.value,
	).length;
	return { stored: submissions.length - quarantined, quarantined };
}
