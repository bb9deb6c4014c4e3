import { publishFormKeyRotation } from '@rapport/api/events';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createFormKeyCache } from './form-key-cache.ts';

const publisher = new Redis(process.env.REDIS_URL!);
const caches: { close(): void }[] = [];
afterAll(() => {
	for (const cache of caches) cache.close();
	publisher.disconnect();
});

/** A cache as one web process holds it, over a table of keys that the test can change. */
async function processCache(keys: Map<string, string>) {
	const lookup = vi.fn(async (formKey: string) => keys.get(formKey));
	const subscriber = new Redis(process.env.REDIS_URL!);
	const cache = createFormKeyCache({ lookup, subscriber });
	caches.push(cache);
	await cache.listening;
	return { cache, lookup };
}

describe('form key cache', () => {
	it('looks a found key up once, and an unknown key every time', async () => {
		const { cache, lookup } = await processCache(new Map([['key-a', 'business-a']]));
		expect(await cache.businessOf('key-a')).toBe('business-a');
		expect(await cache.businessOf('key-a')).toBe('business-a');
		expect(await cache.businessOf('nope')).toBeUndefined();
		expect(await cache.businessOf('nope')).toBeUndefined();
		expect(lookup.mock.calls.map(([key]) => key)).toEqual(['key-a', 'nope', 'nope']);
	});

	it('drops a rotated key in every process as soon as the rotation is announced', async () => {
		const business = `business-${Math.random()}`;
		const keys = new Map([['old-key', business]]);
		const processes = [await processCache(keys), await processCache(keys)];
		for (const { cache } of processes) expect(await cache.businessOf('old-key')).toBe(business);

		keys.delete('old-key'); // the database row now holds a new key
		keys.set('new-key', business);
		await publishFormKeyRotation(publisher, business);
		await vi.waitFor(async () => {
			for (const { cache } of processes) expect(await cache.businessOf('old-key')).toBeUndefined();
		});
		for (const { cache } of processes) expect(await cache.businessOf('new-key')).toBe(business);
	});

	it('does not keep a lookup that was in flight across a rotation', async () => {
		let finish: (id: string) => void = () => {};
		const lookup = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)));
		const cache = createFormKeyCache({ lookup });
		const pending = cache.businessOf('key-b');
		cache.forget('business-b');
		finish('business-b');
		expect(await pending).toBe('business-b');
		lookup.mockResolvedValueOnce(undefined as unknown as string);
		expect(await cache.businessOf('key-b')).toBeUndefined(); // asked again, not cached
	});
});
