import { z } from 'zod';

const schema = z.object({
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
	REDIS_URL: z.url({ protocol: /^rediss?$/ }),
	WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(10),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
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
