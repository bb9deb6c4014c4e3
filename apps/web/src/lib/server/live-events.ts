import { type CustomerEvent, eventsChannel } from '@rapport/api/events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

type Listener = (event: CustomerEvent) => void;

export interface LiveEvents {
	/**
	 * `ready` settles once Redis delivers the business's events to this process: anything that
	 * happened before may have been missed, so a client reloads what it shows at that moment.
	 */
	subscribe(businessId: string, listener: Listener): { ready: Promise<void>; stop(): void };
	close(): void;
}

/**
 * One Redis subscription per web process and business channel, fanned out to every open
 * browser stream of that business. Connects on the first subscriber, not at start.
 */
export function createLiveEvents(redisUrl: string, log: Logger): LiveEvents {
	let subscriber: Redis | null = null;
	const listeners = new Map<string, Set<Listener>>();
	const subscribed = new Map<string, Promise<void>>();

	function connection() {
		if (!subscriber) {
			subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
			subscriber.on('error', (err) =>
				log.warn({ err: err.message }, 'live events connection error'),
			);
			subscriber.on('message', (channel, raw) => {
				let events: CustomerEvent[];
				try {
					events = JSON.parse(raw) as CustomerEvent[];
				} catch {
					return;
				}
				if (!Array.isArray(events)) return;
				for (const listener of listeners.get(channel) ?? [])
					for (const event of events) listener(event);
			});
		}
		return subscriber;
	}

	return {
		subscribe(businessId, listener) {
			const channel = eventsChannel(businessId);
			let set = listeners.get(channel);
			if (!set) {
				set = new Set();
				listeners.set(channel, set);
				const subscription = connection()
					.subscribe(channel)
					.then(() => {});
				subscription.catch(() => {});
				subscribed.set(channel, subscription);
			}
			set.add(listener);
			return {
				ready: subscribed.get(channel)!,
				stop() {
					set.delete(listener);
					if (set.size === 0) {
						listeners.delete(channel);
						subscribed.delete(channel);
						void subscriber?.unsubscribe(channel);
					}
				},
			};
		},
		close() {
			subscriber?.disconnect();
		},
	};
}
