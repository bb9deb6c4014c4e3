import { FORM_KEY_ROTATIONS_CHANNEL } from '@rapport/api/events';
import type { Redis } from 'ioredis';

export interface FormKeyCache {
	/** The business of a form key: from memory when seen recently, else from `lookup`. */
	businessOf(formKey: string): Promise<string | undefined>;
	/** Drops the business's keys (its key was rotated). */
	forget(businessId: string): void;
	/** Settles once rotation announcements are being received (at once without a subscriber). */
	listening: Promise<void>;
	close(): void;
}

/**
 * Form keys → business ids, kept in memory so that a form post costs no database round trip.
 * Only found keys are kept (unknown keys are bounded by the per-IP rate limit). Rotations
 * arrive through Redis pub/sub from whichever process rotated; `ttlMs` bounds how long a
 * missed announcement (Redis briefly unreachable) could keep an old key alive.
 */
export function createFormKeyCache(opts: {
	lookup: (formKey: string) => Promise<string | undefined>;
	/** A connection of its own: a subscribed ioredis client can run nothing else. */
	subscriber?: Redis;
	ttlMs?: number;
	maxEntries?: number;
}): FormKeyCache {
	const { lookup, subscriber, ttlMs = 30_000, maxEntries = 10_000 } = opts;
	const entries = new Map<string, { businessId: string; expires: number }>();
	// Bumped by every forget: a lookup that was in flight across a rotation is not kept.
	let generation = 0;

	function forget(businessId: string) {
		generation++;
		for (const [key, entry] of entries) if (entry.businessId === businessId) entries.delete(key);
	}
	let listening = Promise.resolve();
	if (subscriber) {
		subscriber.on('message', (channel, businessId) => {
			if (channel === FORM_KEY_ROTATIONS_CHANNEL) forget(businessId);
		});
		// A reconnect may have missed rotations: start over rather than trust old entries.
		subscriber.on('ready', () => {
			generation++;
			entries.clear();
		});
		listening = subscriber.subscribe(FORM_KEY_ROTATIONS_CHANNEL).then(
			() => {},
			() => {},
		);
	}

	return {
		async businessOf(formKey) {
			const hit = entries.get(formKey);
			if (hit && hit.expires > Date.now()) return hit.businessId;
			const startedAt = generation;
			const businessId = await lookup(formKey);
			if (businessId && startedAt === generation) {
				// Map order is insertion order: the first entry is the oldest.
				if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
				entries.set(formKey, { businessId, expires: Date.now() + ttlMs });
			} else entries.delete(formKey);
			return businessId;
		},
		forget,
		listening,
		close() {
			subscriber?.disconnect();
		},
	};
}
