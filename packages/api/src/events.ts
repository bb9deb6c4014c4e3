import type { Redis } from 'ioredis';

/**
 * Live updates across processes: whoever changes a customer's conversation (worker ingestion,
 * inbound email, delivery state) publishes on the business's channel; every web process relays
 * it to the browsers of that business (server-sent events). Several web processes all work.
 */
export function eventsChannel(businessId: string): string {
	return `rapport:events:${businessId}`;
}

export interface CustomerEvent {
	customerId: string;
	/** 'read': the owner read the conversation (unread counts elsewhere drop). */
	kind: 'message' | 'delivery' | 'read';
}

/** How processors announce changes: bound to a Redis connection by the worker, faked in tests. */
export type PublishCustomerEvents = (businessId: string, events: CustomerEvent[]) => Promise<void>;

/** One channel message per call: a batch's notices for one business travel together. */
export async function publishCustomerEvents(
	redis: Redis,
	businessId: string,
	events: CustomerEvent[],
) {
	if (events.length > 0) await redis.publish(eventsChannel(businessId), JSON.stringify(events));
}

/**
 * Form keys are cached by every web process (the public endpoint's hottest lookup); a rotation
 * is announced here so that the old key stops working everywhere at once, not at cache expiry.
 */
export const FORM_KEY_ROTATIONS_CHANNEL = 'rapport:form-key-rotations';

export async function publishFormKeyRotation(redis: Redis, businessId: string) {
	await redis.publish(FORM_KEY_ROTATIONS_CHANNEL, businessId);
}
