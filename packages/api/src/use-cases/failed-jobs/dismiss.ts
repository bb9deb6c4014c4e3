import { type Database, takeFailedJob } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/** The owner has dealt with it (or does not care): it leaves the list for good. */
export async function dismissFailedJob(
	deps: { db: Database },
	actor: Actor,
	input: { id: string },
) {
	if (!(await takeFailedJob(deps.db, actor.businessId, input.id)))
		throw new NotFoundError('Failed job');
	return { id: input.id };
}
