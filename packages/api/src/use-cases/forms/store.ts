import { type Database, ingestFormBatch } from '@rapport/db';
import { customerFromSender, mergeCandidates } from '../../domain/customer-matching.ts';
import type { PublishCustomerEvents } from '../../events.ts';
import type { FormSubmissionJob } from '../../jobs/form-submission.ts';

export const FORM_MESSAGE_SUBJECT = 'Contact form';

/** Stores submissions in one transaction: customers matched or created, one message each. */
export async function storeFormSubmissions(
	deps: { db: Database },
	jobs: readonly FormSubmissionJob[],
) {
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
	return ingestFormBatch(deps.db, customers, messages);
}

/**
 * One micro-batch (the worker's batcher calls this): one write for all of it, then one
 * live-update message per business naming each customer once (a burst from one sender is one
 * notice). Per submission: the customer it was stored for, or null if it had been stored before.
 */
export async function storeFormSubmissionBatch(
	deps: { db: Database; publish?: PublishCustomerEvents },
	jobs: readonly FormSubmissionJob[],
): Promise<(string | null)[]> {
	const { stored } = await storeFormSubmissions(deps, jobs);
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
					[...customers].map((customerId) => ({ customerId, kind: 'message' as const })),
				)
				.catch(() => {}),
		),
	);
	return results;
}
