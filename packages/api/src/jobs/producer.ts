import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
	defaultJobOptions,
	type JobName,
	type JobPayload,
	jobContract,
	type QueueName,
	queueNames,
} from './contract.ts';

export interface EnqueueOptions {
	/** Idempotency: BullMQ ignores a second job with the same id. No ':' and not all digits. */
	jobId?: string;
	delay?: number;
	/** Overrides defaultJobOptions.attempts for this job. */
	attempts?: number;
}

export interface JobProducer {
	enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts?: EnqueueOptions): Promise<void>;
	close(): Promise<void>;
}

/** One Queue per queue name over a shared connection; payloads are validated before sending. */
export function createJobProducer(connection: Redis, prefix?: string): JobProducer {
	const queues = new Map<QueueName, Queue>(
		queueNames.map((name) => {
			const queue = new Queue(name, { connection, prefix, defaultJobOptions });
			// A queue re-emits its connection's errors, and BullMQ prints the stack of each one
			// nobody listens to. The shared connection's own listener (watchRedis) reports outages;
			// failed commands reject to their callers.
			queue.on('error', () => {});
			return [name, queue];
		}),
	);
	return {
		async enqueue(name, payload, opts = {}) {
			const { queue, payload: schema } = jobContract[name];
			await queues.get(queue)!.add(name, schema.parse(payload), opts);
		},
		async close() {
			await Promise.all([...queues.values()].map((q) => q.close()));
		},
	};
}
