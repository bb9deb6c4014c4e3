import { type Database, deleteQuarantined } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/** Spam for good: the held submission is deleted; it never creates a customer. */
export async function discardHeldSubmission(
	deps: { db: Database },
	actor: Actor,
	input: { id: string },
) {
	if (!(await deleteQuarantined(deps.db, actor.businessId, input.id)))
		throw new NotFoundError('Held submission');
	return { id: input.id };
}
