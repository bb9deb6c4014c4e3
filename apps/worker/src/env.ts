import { z } from 'zod';

const schema = z.object({
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
	REDIS_URL: z.url({ protocol: /^rediss?$/ }),
	SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }),
	MAIL_FROM: z.string().default('Rapport <no-reply@localhost>'),
	ORIGIN: z.url().default('http://localhost:3000'),
	WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(10),
	/** Contact-form ingestion: jobs in flight per process (they fill the batches) and batch size. */
	WORKER_INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(10000).default(2000),
	INGEST_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(1000),
	INGEST_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(1000).default(20),
	/** Batches written at once; more wait and grow (they would compete for the same rows). */
	INGEST_BATCHES_IN_FLIGHT: z.coerce.number().int().min(1).max(20).default(2),
	/** BullMQ key prefix: lets tests run isolated workers on a shared Redis. */
	QUEUE_PREFIX: z
		.string()
		.regex(/^[\w-]+$/)
		.optional(),
	WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(500).optional(),
	/** Test-only: 'off' skips the maintenance schedules (see startWorkers). */
	WORKER_SCHEDULES: z.enum(['on', 'off']).default('on'),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
	/** Test-only: make the process die at a point of the email state machine. */
	RAPPORT_FAULT: z.enum(['exit-after-smtp-accept', 'exit-after-accept-recorded']).optional(),
});

export type WorkerEnv = z.infer<typeof schema>;

/** Fails with one line naming the bad variable, never a stack trace. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
	const parsed = schema.safeParse(source);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0]!;
	console.error(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
	process.exit(1);
}
