import { type Database, markMessagesRead as markRead } from '@rapport/db';
import type { ContextEvents } from '../../context.ts';
import type { Actor } from '../actor.ts';

/**
 * The owner read the conversation: its inbound messages stop counting as unread, and the
 * business's other open pages (the customer list in another tab) are told. Another business's
 * customer simply has nothing to mark.
 */
export async function markMessagesRead(
	deps: { db: Database; events?: ContextEvents },
	actor: Actor,
	input: { customerId: string },
) {
	const marked = await markRead(deps.db, actor.businessId, input.customerId);
	if (marked > 0) {
		// A lost notice only leaves another tab's count stale until its next load.
		await deps.events
			?.customersChanged?.(actor.businessId, [{ customerId: input.customerId, kind: 'read' }])
			.catch(() => {});
	}
	return { marked };
}
