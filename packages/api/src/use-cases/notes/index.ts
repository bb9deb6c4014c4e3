export { createNote } from './create.ts';
export { deleteNote } from './delete.ts';
export { NoteGoneError } from './gone.ts';
export { purgeDeletedNotes } from './purge-deleted.ts';
export { restoreNote } from './restore.ts';
export { updateNote } from './update.ts';
