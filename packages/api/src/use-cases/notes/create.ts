import { type Database, insertNote } from '@rapport/db';
import type { Actor } from '../actor.ts';
import { requireCustomer } from '../customers/require.ts';

/** A note on a customer of the actor's business, signed by the actor. */
export async function createNote(
	deps: { db: Database },
	actor: Actor,
	input: { customerId: string; body: string },
) {
	// A programming error, not a user's: only people write notes (the seed acts as its user).
	if (!actor.userId) throw new Error('A note needs an author: the actor has no user');
	await requireCustomer(deps, actor, input.customerId);
	return insertNote(deps.db, actor.businessId, { ...input, authorId: actor.userId });
}
