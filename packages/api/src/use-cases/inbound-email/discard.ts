import { type Database, deleteEmailQuarantined } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/** Spam for good: the held email is deleted; its sender never becomes a customer. */
export async function discardHeldEmail(
	deps: { db: Database },
	actor: Actor,
	input: { id: string },
) {
	if (!(await deleteEmailQuarantined(deps.db, actor.businessId, input.id))) {
		throw new NotFoundError('Held email');
	}
	return { id: input.id };
}
