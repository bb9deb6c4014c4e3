import type { JobPayload } from '@rapport/api/jobs';
import { recordOnlinePayment as record } from '@rapport/api/use-cases';
import type { Database } from '@rapport/db';
import type { Queue } from 'bullmq';
import { emailJobs } from './email-jobs.ts';

export interface OnlinePaymentProcessorDeps {
	db: Database;
	emailQueue: Queue;
	mailDomain: string;
	origin: string;
}

/**
 * A verified provider event that took money. Recording is idempotent by the event id and the
 * checkout id (see recordOnlinePayment), so a retried or redelivered job adds nothing.
 */
export function recordOnlinePayment(
	payload: JobPayload<'record-online-payment'>,
	deps: OnlinePaymentProcessorDeps,
) {
	return record(
		{
			db: deps.db,
			// The receipt's send-email job goes to the worker's own email queue.
			jobs: emailJobs(deps.emailQueue),
			mail: { domain: deps.mailDomain },
			origin: deps.origin,
		},
		payload,
	);
}
