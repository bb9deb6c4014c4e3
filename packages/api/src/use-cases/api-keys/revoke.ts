import { type Database, revokeApiKey } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/**
 * From now on the key gets 401. Revoking it again changes nothing (the first time is kept). A
 * post already holding the key (FOR SHARE) finishes first; none starts after this commits.
 */
export async function revokeBusinessApiKey(
	deps: { db: Database },
	actor: Actor,
	input: { id: string },
) {
	const row = await revokeApiKey(deps.db, actor.businessId, input.id);
	if (!row) throw new NotFoundError('API key');
	return row;
}
