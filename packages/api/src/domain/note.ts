import { multiLineText } from './text-input.ts';

/** Documented limit: a note holds up to 10,000 characters (about four pages of text). */
export const NOTE_MAX_LENGTH = 10_000;

/** How long the UI offers Undo after a delete. */
export const NOTE_UNDO_SECONDS = 10;

/**
 * Deleted notes stay restorable a little longer than the UI offers Undo (slow networks), then
 * the scheduled cleanup removes them for good.
 */
export const NOTE_PURGE_AFTER_MS = 60_000;

/** The text is stored as typed (line endings as \n, no control characters); blank is refused. */
export const noteBody = multiLineText('A note', NOTE_MAX_LENGTH).refine(
	(v) => v.trim().length > 0,
	'Write something before saving',
);

export function canRestoreNote(deletedAt: Date, now: Date): boolean {
	return now.getTime() - deletedAt.getTime() < NOTE_PURGE_AFTER_MS;
}

/** A short single-line preview for the list; the full text opens on click. */
export function notePreview(body: string, max = 240): string {
	const flat = body.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
