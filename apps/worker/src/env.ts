import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';

const schema = z.object({
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
	REDIS_URL: z.url({ protocol: /^rediss?$/ }),
	SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }),
	MAIL_FROM: z.string().default('Rapport <no-reply@localhost>'),
	ORIGIN: z.url().default('http://localhost:3000'),
	/** Domain of the per-business inbound addresses; defaults to ORIGIN's host (see loadEnv). */
	INBOUND_EMAIL_DOMAIN: z
		.string()
		.regex(/^[a-z0-9.-]+$/i, 'must be a domain name such as mail.example.com')
		.optional(),
	/** How often due payment reminders are looked for. */
	REMINDER_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
	WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(10),
	/** Per-process memory budget in MB (see scripts/lib/memory.mjs); sizes the ingest default. */
	MEMORY_LIMIT_MB: z.coerce.number().int().min(64).optional(),
	/**
	 * Contact-form ingestion: jobs in flight per process (they fill the batches). Each holds up
	 * to 20 submissions; the default follows the memory budget (ingestConcurrencyFor).
	 */
	WORKER_INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(10000).optional(),
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

export type WorkerEnv = z.infer<typeof schema> & {
	INBOUND_EMAIL_DOMAIN: string;
	WORKER_INGEST_CONCURRENCY: number;
};

/**
 * Ingest jobs in flight for a memory budget. Measured with a 300 MB budget and a burst of
 * 100,000 submissions (apps/worker/bench/memory.bench.ts): 2,000 in flight peaked at 618 MB
 * without a heap limit and 261 MB with one (GC-bound, slower); 200 peaked at 190 MB and
 * ingested fastest. Two batches of 1,000 being written and one filling need 150 jobs of 20.
 */
export function ingestConcurrencyFor(budgetMb: number): number {
	return Math.min(2000, Math.max(150, Math.round((budgetMb * 2) / 3)));
}

/**
 * The budget as configured, else as the process was started: scripts/lib/memory.mjs gives V8's
 * heap half of it. Without any flag V8's own limit (a share of the machine's memory) applies.
 */
function budgetMb(configured: number | undefined): number {
	return configured ?? (getHeapStatistics().heap_size_limit / 2 ** 20) * 2;
}

/** Fails with one line naming the bad variable, never a stack trace. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
	const parsed = schema.safeParse(source);
	if (parsed.success)
		return {
			...parsed.data,
			WORKER_INGEST_CONCURRENCY:
				parsed.data.WORKER_INGEST_CONCURRENCY ??
				ingestConcurrencyFor(budgetMb(parsed.data.MEMORY_LIMIT_MB)),
			INBOUND_EMAIL_DOMAIN: (
				parsed.data.INBOUND_EMAIL_DOMAIN ?? new URL(parsed.data.ORIGIN).hostname
			).toLowerCase(),
		};
	const issue = parsed.error.issues[0]!;
	console.error(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
	process.exit(1);
}
