import { describe, expect, it } from 'vitest';
import {
	canRestoreNote,
	NOTE_MAX_LENGTH,
	NOTE_PURGE_AFTER_MS,
	noteBody,
	notePreview,
} from './note.ts';

describe('note rules', () => {
	it('keeps the text exactly as typed', () => {
		const text = '  Line one\n\n  Line two 🌷 — ünïcödé\t\n';
		expect(noteBody.parse(text)).toBe(text);
	});

	it('refuses blank notes and notes over the limit', () => {
		expect(noteBody.safeParse('').error?.issues[0]?.message).toBe('Write something before saving');
		expect(noteBody.safeParse(' \n\t ').success).toBe(false);
		expect(noteBody.safeParse('x'.repeat(NOTE_MAX_LENGTH)).success).toBe(true);
		expect(noteBody.safeParse('x'.repeat(NOTE_MAX_LENGTH + 1)).error?.issues[0]?.message).toMatch(
			/10,000 characters/,
		);
	});

	it('allows undo only within the grace period', () => {
		const deletedAt = new Date('2026-11-28T10:00:00Z');
		expect(canRestoreNote(deletedAt, new Date(deletedAt.getTime() + NOTE_PURGE_AFTER_MS - 1))).toBe(
			true,
		);
		expect(canRestoreNote(deletedAt, new Date(deletedAt.getTime() + NOTE_PURGE_AFTER_MS))).toBe(
			false,
		);
	});

	it('previews on one line and shortens long text', () => {
		expect(notePreview('a\n\nb  c')).toBe('a b c');
		expect(notePreview('x'.repeat(300), 10)).toBe('xxxxxxxxx…');
	});
});
