import { newErrorRef, UnexpectedError, unexpectedErrorMessage } from '@rapport/api';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError } from 'zod';

export interface ErrorAnswer {
	status?: number;
	message: string;
	ref?: string;
}

/**
 * What a page or action shows for an error thrown by our code (SvelteKit's handleError,
 * kind "unknown"). A refusal from a tRPC procedure called by a load (bad search parameter,
 * not found) keeps its 4xx status and its plain message. Anything else is logged under a ref
 * and shown only as "Something went wrong (ref …)".
 */
export function errorAnswer(
	error: unknown,
	logError: (details: Record<string, unknown>, message: string) => void,
	path: string,
): ErrorAnswer {
	if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
		const issue = error.cause instanceof ZodError ? error.cause.issues[0] : undefined;
		return { status: getHTTPStatusCodeFromError(error), message: issue?.message ?? error.message };
	}
	// Procedures log their own failures (packages/api trpc.ts) under the ref they answer with.
	if (error instanceof UnexpectedError) return { message: error.message, ref: error.ref };
	const ref = newErrorRef();
	logError({ ref, err: error, path }, 'unhandled error');
	return { message: unexpectedErrorMessage(ref), ref };
}
