import { type Database, listApiKeys } from '@rapport/db';
import type { Actor } from '../actor.ts';

/** The business's keys with their last use; revoked ones stay listed, marked as such. */
export async function listBusinessApiKeys(deps: { db: Database }, actor: Actor) {
	return listApiKeys(deps.db, actor.businessId);
}
