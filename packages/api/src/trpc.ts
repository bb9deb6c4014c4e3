import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Context } from './context.ts';
import {
	ConflictError,
	ForbiddenByPlanError,
	NotFoundError,
	RateLimitedError,
	ServiceUnavailableError,
	UnauthorizedError,
} from './domain/errors.ts';
import { FieldConflictError, FieldValidationError } from './domain/field-errors.ts';
import { reportUnexpected, UnexpectedError } from './unexpected-error.ts';
import type { Actor } from './use-cases/actor.ts';

/** Messages keyed by the field's path: "name", or "items.2.quantity" inside lists. */
function fieldErrorsOf(cause: unknown): Record<string, string[]> | null {
	if (cause instanceof FieldValidationError) return cause.fieldErrors;
	if (!(cause instanceof ZodError)) return null;
	const errors: Record<string, string[]> = {};
	for (const issue of cause.issues) {
		const key = issue.path.join('.') || 'form';
		errors[key] = [...(errors[key] ?? []), issue.message];
	}
	return errors;
}

const t = initTRPC.context<Context>().create({
	transformer: superjson,
	// Stack traces never leave the server, whatever NODE_ENV says.
	isDev: false,
	errorFormatter({ shape, error, ctx, path }) {
		const fieldErrors = fieldErrorsOf(error.cause);
		let message = shape.message;
		if (error.cause instanceof ZodError) message = 'Please correct the highlighted fields.';
		// Procedures report their own (publicProcedure below); this catches what fails around
		// them, e.g. building the context. Database or library messages never reach a client.
		else if (error.code === 'INTERNAL_SERVER_ERROR' && !(error instanceof UnexpectedError))
			message = reportUnexpected(ctx?.log, error.cause ?? error, { path }).message;
		const conflict = error.cause instanceof FieldConflictError ? error.cause.conflict : null;
		return { ...shape, message, data: { ...shape.data, fieldErrors, conflict } };
	},
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** The one place domain errors (see domain/errors.ts) become tRPC codes. */
function codeOf(cause: unknown): TRPCError['code'] | null {
	if (cause instanceof FieldConflictError) return 'CONFLICT';
	if (cause instanceof FieldValidationError) return 'BAD_REQUEST';
	if (cause instanceof NotFoundError) return 'NOT_FOUND';
	if (cause instanceof ConflictError) return 'CONFLICT';
	if (cause instanceof ForbiddenByPlanError) return 'FORBIDDEN';
	if (cause instanceof RateLimitedError) return 'TOO_MANY_REQUESTS';
	if (cause instanceof ServiceUnavailableError) return 'SERVICE_UNAVAILABLE';
	if (cause instanceof UnauthorizedError) return 'UNAUTHORIZED';
	return null;
}

/**
 * Use cases throw domain errors; callers get them with their tRPC code and message. Anything
 * else that fails is logged with a ref and reaches the caller (HTTP client or server-side
 * caller) only as "Something went wrong (ref …)".
 */
export const publicProcedure = t.procedure.use(async ({ ctx, path, type, next }) => {
	const result = await next();
	if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR') {
		const cause = result.error.cause;
		const code = codeOf(cause);
		if (code && cause instanceof Error)
			throw new TRPCError({ code, message: cause.message, cause });
		throw reportUnexpected(ctx.log, cause ?? result.error, { path, type });
	}
	return result;
});

/** Domain field errors become BAD_REQUEST (or the given code) with per-field messages. */
export function fieldError(
	fieldErrors: Record<string, string[]>,
	code: TRPCError['code'] = 'BAD_REQUEST',
): TRPCError {
	const cause = new FieldValidationError(fieldErrors);
	return new TRPCError({ code, message: cause.message, cause });
}

export function notFound(what: string): TRPCError {
	return new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
}

/** Signed-in user's business; every tenant-scoped query takes businessId from here only. */
export const businessProcedure = publicProcedure.use(({ ctx, next }) => {
	if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please log in.' });
	const { businessId, userId } = ctx.session;
	// `actor` is what use cases take: who acts, from the session only.
	const actor: Actor = { businessId, userId };
	return next({ ctx: { ...ctx, businessId, userId, actor } });
});
