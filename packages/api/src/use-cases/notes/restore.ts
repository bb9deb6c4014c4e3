import { type Database, findNote, setNoteDeleted } from '@rapport/db';
import { canRestoreNote } from '../../domain/note.ts';
import type { Actor } from '../actor.ts';
import { NoteGoneError } from './gone.ts';

/** Undo of a delete; a live note is returned as it is. */
export async function restoreNote(deps: { db: Database }, actor: Actor, input: { id: string }) {
	const note = await findNote(deps.db, actor.businessId, input.id);
	if (!note) throw new NoteGoneError('This note is gone for good.');
	if (!note.deletedAt) return note;
	if (!canRestoreNote(note.deletedAt, new Date()))
		throw new NoteGoneError('Too late to undo: this note is gone for good.');
	await setNoteDeleted(deps.db, actor.businessId, input.id, false);
	return (await findNote(deps.db, actor.businessId, input.id))!;
}
