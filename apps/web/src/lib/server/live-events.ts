import { type CustomerEvent, eventsChannel } from '@rapport/api/events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

type Listener = (event: CustomerEvent) => void;

export interface LiveEvents {
	subscribe(businessId: string, listener: Listener): () => void;
	close(): void;
}

/**
 * One Redis subscription per web process and business channel, fanned out to every open
 * browser stream of that business. Connects on the first subscriber, not at start.
 */
export function createLiveEvents(redisUrl: string, log: Logger): LiveEvents {
	let subscriber: Redis | null = null;
	const listeners = new Map<string, Set<Listener>>();

	function connection() {
		if (!subscriber) {
			subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
			subscriber.on('error', (err) =>
				log.warn({ err: err.message }, 'live events connection error'),
			);
			subscriber.on('message', (channel, raw) => {
				let event: CustomerEvent;
				try {
					event = JSON.parse(raw) as CustomerEvent;
				} catch {
					return;
				}
				for (const listener of listeners.get(channel) ?? []) listener(event);
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
				void connection().subscribe(channel);
			}
			set.add(listener);
			return () => {
				set.delete(listener);
				if (set.size === 0) {
					listeners.delete(channel);
					void subscriber?.unsubscribe(channel);
				}
			};
		},
		close() {
			subscriber?.disconnect();
		},
	};
}
