import { type CustomerEvent, eventsChannel } from '@rapport/api/events';
import { watchRedis } from '@rapport/api/jobs';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

type Listener = (event: CustomerEvent) => void;

export interface LiveEvents {
	/**
	 * `ready` settles once Redis delivers the business's events to this process: anything that
	 * happened before may have been missed, so a client reloads what it shows at that moment.
	 * `onEnd` is called when the process shuts down: the stream should end then.
	 */
	subscribe(
		businessId: string,
		listener: Listener,
		onEnd: () => void,
	): { ready: Promise<void>; stop(): void };
	/** Ends every open stream (shutdown must not wait for them) and refuses new ones. */
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
	const endings = new Set<() => void>();
	let closed = false;

	function connection() {
		if (!subscriber) {
			subscriber = watchRedis(
				new Redis(redisUrl, { maxRetriesPerRequest: null }),
				log,
				'live-events',
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
		subscribe(businessId, listener, onEnd) {
			if (closed) {
				queueMicrotask(onEnd);
				return { ready: new Promise(() => {}), stop() {} };
			}
			endings.add(onEnd);
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
					endings.delete(onEnd);
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
			closed = true;
			for (const end of [...endings]) end();
			endings.clear();
			subscriber?.disconnect();
		},
	};
}
