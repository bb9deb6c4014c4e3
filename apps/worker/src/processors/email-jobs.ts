import { type JobName, type JobPayload, type JobProducer, jobContract } from '@rapport/api/jobs';
import type { Queue } from 'bullmq';

/**
 * The worker's own email queue as a job producer, for use cases that queue an email from a job
 * (a receipt, a reminder): only email jobs may go through it.
 */
export function emailJobs(emailQueue: Queue): JobProducer {
	return {
		async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts = {}) {
			const { queue, payload: schema } = jobContract[name];
			if (queue !== 'email') throw new Error(`${name} is not an email job`);
			await emailQueue.add(name, schema.parse(payload), opts);
		},
		async close() {},
	};
}
