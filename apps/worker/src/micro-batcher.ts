export interface MicroBatcher<T, R> {
	/** Resolves with the item's result once its batch is stored; rejects if it could not be. */
	add(item: T): Promise<R>;
	/** Flushes what is waiting and waits for every flush in flight. */
	close(): Promise<void>;
}

export interface MicroBatcherOptions<T, R> {
	/** Flush as soon as this many items wait. */
	maxSize: number;
	/** Flush at most this long after the first item of a batch arrived. */
	maxWaitMs: number;
	/** Writes the items; returns one result per item, in order. */
	flush(items: T[]): Promise<R[]>;
	/** A failed batch is retried item by item, so one bad item fails only its own job. */
	onBatchError?(error: unknown, size: number): void;
}

/**
 * Collects items from concurrent callers (BullMQ processor calls) into batches written at
 * once. In-process only by design: it holds items for a few milliseconds, never state that
 * must survive the process (each item's job stays in Redis until its promise settles).
 */
export function createMicroBatcher<T, R>(opts: MicroBatcherOptions<T, R>): MicroBatcher<T, R> {
	type Pending = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };
	let waiting: Pending[] = [];
	let timer: ReturnType<typeof setTimeout> | null = null;
	const inFlight = new Set<Promise<void>>();

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

	function flushNow() {
		if (timer) clearTimeout(timer);
		timer = null;
		if (waiting.length === 0) return;
		const batch = waiting;
		waiting = [];
		const run = settle(batch).finally(() => inFlight.delete(run));
		inFlight.add(run);
	}

	return {
		add(item) {
			return new Promise<R>((resolve, reject) => {
				waiting.push({ item, resolve, reject });
				if (waiting.length >= opts.maxSize) flushNow();
				else timer ??= setTimeout(flushNow, opts.maxWaitMs);
			});
		},
		async close() {
			flushNow();
			await Promise.all(inFlight);
		},
	};
}
