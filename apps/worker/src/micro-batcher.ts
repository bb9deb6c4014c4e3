export interface MicroBatcher<T> {
	/** Resolves once the item's batch is stored; rejects if it could not be. */
	add(item: T): Promise<void>;
	/** Flushes what is waiting and waits for every flush in flight. */
	close(): Promise<void>;
}

export interface MicroBatcherOptions<T> {
	/** Flush as soon as this many items wait. */
	maxSize: number;
	/** Flush at most this long after the first item of a batch arrived. */
	maxWaitMs: number;
	flush(items: T[]): Promise<void>;
	/** A failed batch is retried item by item, so one bad item fails only its own job. */
	onBatchError?(error: unknown, size: number): void;
}

/**
 * Collects items from concurrent callers (BullMQ processor calls) into batches written at
 * once. In-process only by design: it holds items for a few milliseconds, never state that
 * must survive the process (each item's job stays in Redis until its promise settles).
 */
export function createMicroBatcher<T>(opts: MicroBatcherOptions<T>): MicroBatcher<T> {
	type Pending = { item: T; resolve: () => void; reject: (error: unknown) => void };
	let waiting: Pending[] = [];
	let timer: ReturnType<typeof setTimeout> | null = null;
	const inFlight = new Set<Promise<void>>();

	async function settle(batch: Pending[]) {
		try {
			await opts.flush(batch.map((p) => p.item));
			for (const p of batch) p.resolve();
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
			return new Promise<void>((resolve, reject) => {
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
