import { type Database, findCustomer, listMessages, type MessageCursor } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/** Newest page first; `before` walks back in time. Items come oldest → newest for display. */
export async function listConversation(
	deps: { db: Database },
	actor: Actor,
	input: { customerId: string; before?: MessageCursor; limit: number },
) {
	if (!(await findCustomer(deps.db, actor.businessId, input.customerId))) {
		throw new NotFoundError('Customer');
	}
	const page = await listMessages(deps.db, actor.businessId, input.customerId, {
		before: input.before,
		limit: input.limit,
	});
	return { items: page.items.reverse(), olderCursor: page.olderCursor };
}
