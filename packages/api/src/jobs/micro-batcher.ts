// Group commit, used on both sides of the contact-form queue. A form post, a queue write and a
// database write each cost about the same for one item as for twenty, and contact forms arrive
// in bursts from every customer's website at once. So the web's form endpoint collects the
// submissions accepted in one event-loop turn into one `ingest-form-submissions` job
// (apps/web/src/lib/server/forms/submission-queue.ts), and the worker collects the submissions
// of the jobs it holds into one transaction (apps/worker/src/processors/ingest-form-submission.ts).
// It lives here, in the job contract both import, so that each side sees the other's reason.

export interface MicroBatcher<T, R> {
	/** Resolves with the item's result once its batch is written; rejects if it could not be. */
	add(item: T): Promise<R>;
	/** Flushes what is waiting and waits for every flush in flight. */
	close(): Promise<void>;
}

export interface MicroBatcherOptions<T, R> {
	/** Flush as soon as this many items wait. */
	maxSize: number;
	/** Flush at most this long after the first item of a batch arrived (0: this loop turn). */
	maxWaitMs: number;
	/**
	 * Batches being written at once. Beyond it, items wait for a running batch to finish and
	 * then go together: batches grow with the load instead of competing for the same rows.
	 */
	maxInFlight?: number;
	/** Writes the items; returns one result per item, in order. */
	flush(items: T[]): Promise<R[]>;
	/** A failed batch is retried item by item, so one bad item fails only its own job. */
	onBatchError?(error: unknown, size: number): void;
}

/**
 * Collects items from concurrent callers (the worker's job processors, the form endpoint's
 * requests) into batches written at once. In-process only by design: it holds items for a few
 * milliseconds, never state that must survive the process, since each caller waits for its
 * item's batch (a job stays in Redis, a request unanswered, until its promise settles).
 */
export function createMicroBatcher<T, R>(opts: MicroBatcherOptions<T, R>): MicroBatcher<T, R> {
	type Pending = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };
	const waiting: Pending[] = [];
	let cancelTimer: (() => void) | null = null;
	const inFlight = new Set<Promise<void>>();
	const maxInFlight = opts.maxInFlight ?? Number.POSITIVE_INFINITY;

	async function settle(batch: Pending[]) {
		try {
			const results = await opts.flush(batch.map((p) => p.item));
			for (const [i, p] of batch.entries()) p.resolve(results[i]!);
		} catch (error) {
			if (batch.length === 1) return batch[0]!.reject(error);
			opts.onBatchError?.(error, batch.length);
			await Promise.all(batch.map((p) => settle([p])));
		}
	}

	// 0 ms means "what arrived in this turn of the event loop": setImmediate runs right after
	// the pending I/O callbacks, where setTimeout(0) would wait a millisecond or more.
	function startTimer() {
		if (opts.maxWaitMs === 0) {
			const immediate = setImmediate(flushNow);
			cancelTimer = () => clearImmediate(immediate);
		} else {
			const timer = setTimeout(flushNow, opts.maxWaitMs);
			cancelTimer = () => clearTimeout(timer);
		}
	}

	function flushNow() {
		cancelTimer?.();
		cancelTimer = null;
		while (waiting.length > 0 && inFlight.size < maxInFlight) {
			const batch = waiting.splice(0, opts.maxSize);
			const run: Promise<void> = settle(batch).finally(() => {
				inFlight.delete(run);
				flushNow(); // what gathered meanwhile
			});
			inFlight.add(run);
		}
	}

	return {
		add(item) {
			return new Promise<R>((resolve, reject) => {
				waiting.push({ item, resolve, reject });
				if (waiting.length >= opts.maxSize) flushNow();
				else if (!cancelTimer) startTimer();
			});
		},
		async close() {
			flushNow();
			while (inFlight.size > 0) await Promise.all(inFlight);
		},
	};
}
