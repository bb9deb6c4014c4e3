import { type Database, setNoteDeleted } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/** Soft delete: the note can be restored until the Undo grace period ends, then it is purged. */
export async function deleteNote(deps: { db: Database }, actor: Actor, input: { id: string }) {
	if (!(await setNoteDeleted(deps.db, actor.businessId, input.id, true)))
		throw new NotFoundError('Note');
	return { id: input.id };
}
