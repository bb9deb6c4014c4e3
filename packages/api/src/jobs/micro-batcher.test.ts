import { describe, expect, it } from 'vitest';
import { createMicroBatcher } from './micro-batcher.ts';

describe('createMicroBatcher', () => {
	it('flushes when full, and after the wait for a partial batch', async () => {
		const batches: number[][] = [];
		const batcher = createMicroBatcher<number, number>({
			maxSize: 3,
			maxWaitMs: 20,
			flush: async (items) => {
				batches.push(items);
				return items.map((n) => n * 10);
			},
		});
		expect(await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add(n)))).toEqual([
			10, 20, 30, 40, 50,
		]);
		expect(batches).toEqual([
			[1, 2, 3],
			[4, 5],
		]);
		await batcher.close();
	});

	it('with no wait, batches what arrives in one turn of the event loop', async () => {
		const batches: number[][] = [];
		const batcher = createMicroBatcher<number, number>({
			maxSize: 100,
			maxWaitMs: 0,
			flush: async (items) => {
				batches.push(items);
				return items;
			},
		});
		const first = [1, 2, 3].map((n) => batcher.add(n));
		await new Promise((resolve) => setImmediate(resolve));
		const second = batcher.add(4);
		await Promise.all([...first, second]);
		expect(batches).toEqual([[1, 2, 3], [4]]);
		await batcher.close();
	});

	it('retries a failed batch item by item so only the bad item fails', async () => {
		const flushed: number[][] = [];
		const errors: number[] = [];
		const batcher = createMicroBatcher<number, void>({
			maxSize: 10,
			maxWaitMs: 5,
			flush: async (items) => {
				flushed.push(items);
				if (items.includes(13)) throw new Error('unlucky');
				return items.map(() => undefined);
			},
			onBatchError: (_err, size) => errors.push(size),
		});
		const results = await Promise.allSettled([12, 13, 14].map((n) => batcher.add(n)));
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(errors).toEqual([3]);
		expect(flushed).toEqual([[12, 13, 14], [12], [13], [14]]);
	});

	it('with a limit on batches in flight, what arrives meanwhile goes together next', async () => {
		const batches: number[][] = [];
		let release: () => void = () => {};
		const batcher = createMicroBatcher<number, number>({
			maxSize: 3,
			maxWaitMs: 1,
			maxInFlight: 1,
			flush: async (items) => {
				batches.push(items);
				if (batches.length === 1) await new Promise<void>((r) => (release = r));
				return items;
			},
		});
		const first = batcher.add(1);
		await new Promise((r) => setTimeout(r, 10)); // the first batch is being written
		const rest = [2, 3, 4, 5].map((n) => batcher.add(n));
		await new Promise((r) => setTimeout(r, 10)); // full and past the wait: still held back
		expect(batches).toEqual([[1]]);
		release();
		expect(await Promise.all([first, ...rest])).toEqual([1, 2, 3, 4, 5]);
		expect(batches).toEqual([[1], [2, 3, 4], [5]]);
		await batcher.close();
	});

	it('close flushes what is waiting', async () => {
		const seen: number[] = [];
		const batcher = createMicroBatcher<number, void>({
			maxSize: 100,
			maxWaitMs: 60_000,
			flush: async (items) => {
				seen.push(...items);
				return items.map(() => undefined);
			},
		});
		const pending = batcher.add(7);
		await batcher.close();
		await pending;
		expect(seen).toEqual([7]);
	});
});
