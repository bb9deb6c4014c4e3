import { type Database, markMessagesRead as markRead } from '@rapport/db';
import type { Actor } from '../actor.ts';

/**
 * The owner read the conversation: its inbound messages stop counting as unread. Another
 * business's customer simply has nothing to mark.
 */
export async function markMessagesRead(
	deps: { db: Database },
	actor: Actor,
	input: { customerId: string },
) {
	return { marked: await markRead(deps.db, actor.businessId, input.customerId) };
}
