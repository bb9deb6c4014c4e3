import type { AppRouter } from '@rapport/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';

/** Browser-side client; every dashboard mutation goes through it. */
export const trpc = createTRPCClient<AppRouter>({
	links: [httpBatchLink({ url: '/api/trpc', transformer: superjson })],
});

export type FieldErrors = Record<string, string[] | undefined>;
/** The customer a conflicting value (an email) belongs to, for a link next to the field. */
export type Conflict = { customerId: string; customerName: string };

/** Splits a failed call into per-field messages and one general message for a toast/banner. */
export function describeError(error: unknown): {
	message: string;
	fieldErrors: FieldErrors;
	conflict?: Conflict | null;
} {
	if (error instanceof TRPCClientError) {
		const data = error.data as
			| { fieldErrors?: FieldErrors | null; conflict?: Conflict | null }
			| undefined;
		return {
			message: error.message,
			fieldErrors: data?.fieldErrors ?? {},
			conflict: data?.conflict ?? null,
		};
	}
	return {
		message: 'Could not reach the server. Check your connection and try again.',
		fieldErrors: {},
	};
}
