import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { ErrorLog } from './context.ts';

/** The answer to anything we did not expect; the ref is in the log line with the real error. */
export function unexpectedErrorMessage(ref: string): string {
	return `Something went wrong (ref ${ref})`;
}

/** Short enough to read out over the phone, unique enough to find one log line. */
export function newErrorRef(): string {
	return randomUUID().replaceAll('-', '').slice(0, 12);
}

/** An internal error as clients see it: no original message, only the ref to look it up by. */
export class UnexpectedError extends TRPCError {
	readonly ref: string;
	constructor(ref: string, cause: unknown) {
		super({ code: 'INTERNAL_SERVER_ERROR', message: unexpectedErrorMessage(ref), cause });
		this.name = 'UnexpectedError';
		this.ref = ref;
	}
}

const stderrLog: ErrorLog = {
	error(details, message) {
		const err = details.err instanceof Error ? details.err : undefined;
		const line = {
			level: 'error',
			time: new Date().toISOString(),
			...details,
			err: err && { type: err.name, message: err.message, stack: err.stack },
			msg: message,
		};
		process.stderr.write(`${JSON.stringify(line)}\n`);
	},
};

/** Logs the real error under a new ref and returns what the client may see. */
export function reportUnexpected(
	log: ErrorLog | undefined,
	error: unknown,
	details: Record<string, unknown> = {},
): UnexpectedError {
	if (error instanceof UnexpectedError) return error;
	const ref = newErrorRef();
	(log ?? stderrLog).error({ ...details, ref, err: error }, 'unexpected error');
	return new UnexpectedError(ref, error);
}
