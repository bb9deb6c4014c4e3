import { toast } from 'svelte-sonner';
import { invalidateAll } from '$app/navigation';
import { describeError } from './trpc.ts';

export interface MutationOptions<T> {
	/** The success toast; none when omitted. */
	success?: string | ((result: T) => string);
	/** Told true while the call runs and false after it (a button's busy state). */
	pending?: (busy: boolean) => void;
	/** Shows a refusal somewhere else than in a toast (next to a field). */
	onError?: (error: ReturnType<typeof describeError>) => void;
	/** Reload what the page shows after success (default true). */
	reload?: boolean;
}

/**
 * How a page runs a tRPC mutation from a button: busy state, success toast, reload, and the
 * refusal shown. Never rejects: a refusal is shown, not thrown (hand it to a ConfirmDialog as is).
 */
export async function runMutation<T>(
	call: () => Promise<T>,
	opts: MutationOptions<T> = {},
): Promise<void> {
	opts.pending?.(true);
	try {
		const result = await call();
		const message = typeof opts.success === 'function' ? opts.success(result) : opts.success;
		if (message) toast.success(message);
		if (opts.reload !== false) await invalidateAll();
	} catch (error) {
		const described = describeError(error);
		if (opts.onError) opts.onError(described);
		else toast.error(described.message);
	} finally {
		opts.pending?.(false);
	}
}
