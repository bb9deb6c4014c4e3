import { type Database, findNote, updateNoteBody } from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { NoteGoneError } from './gone.ts';

/** Saves a new body only over the version the user opened (optimistic locking). */
export async function updateNote(
	deps: { db: Database },
	actor: Actor,
	input: { id: string; body: string; version: number },
) {
	const saved = await updateNoteBody(
		deps.db,
		actor.businessId,
		input.id,
		input.body,
		input.version,
	);
	if (saved) return saved;
	const current = await findNote(deps.db, actor.businessId, input.id);
	if (!current) throw new NotFoundError('Note');
	if (current.deletedAt)
		throw new NoteGoneError('This note was deleted, so it can no longer be edited.');
	// Someone saved in between: never overwrite an edit this user has not seen.
	throw new ConflictError(
		'This note was changed elsewhere after you opened it. Copy your text, reload, and edit again.',
	);
}
