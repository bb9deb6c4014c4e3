import type { DeliveryState } from '@rapport/db';

/**
 * An email in one of these states is still on its way: a send of its invoice is live (a second
 * Send is the same email), the invoice's content is frozen, and the pages keep polling.
 */
export const ACTIVE_DELIVERY_STATES = [
	'queued',
	'sending',
	'accepted',
] as const satisfies readonly DeliveryState[];

export type ActiveDeliveryState = (typeof ACTIVE_DELIVERY_STATES)[number];

export function isInFlight(state: DeliveryState | null | undefined): state is ActiveDeliveryState {
	return (ACTIVE_DELIVERY_STATES as readonly string[]).includes(state ?? '');
}
