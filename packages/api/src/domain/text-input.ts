import { z } from 'zod';
import { cleanText } from './clean-text.ts';

// The zod building blocks every input schema uses for text and ids. PostgreSQL refuses NUL in
// text (a 500 if it got that far), and CR/LF in a name or number ends up in email headers and
// PDF lines, so text is cleaned or refused here, at the edge, with a message naming the field.

/** C0 and C1 controls, DEL, and the Unicode line/paragraph separators. */
/* biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** What multi-line text drops: every control except tab and line feed. */
/* biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point */
const MULTI_LINE_DROPPED = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Line breaks become \n, other controls (but tab) go, NUL goes. */
export function cleanMultiLine(value: string): string {
	return cleanText(value)
		.replace(/\r\n?|[\u2028\u2029]/g, '\n')
		.replace(MULTI_LINE_DROPPED, '');
}

export function hasControlCharacters(value: string): boolean {
	return SINGLE_LINE_FORBIDDEN.test(value);
}

/**
 * For text we must take from others as it comes (a website visitor's form): each run of control
 * characters becomes one space, as migration 0012 did to the values stored before.
 */
export function toSingleLine(value: string): string {
	return cleanText(value)
		.replace(new RegExp(`${SINGLE_LINE_FORBIDDEN.source}+`, 'g'), ' ')
		.trim();
}

const tooLong = (label: string, max: number) =>
	`${label} must be at most ${max.toLocaleString('en')} characters`;

/**
 * One line of text (a name, a number, an email): NUL is dropped, any other control character
 * (CR, LF, tab…) is refused with a message, then the value is trimmed and capped at `max`.
 * Returns a ZodString, so callers chain `.min(1, …)`, `.regex(…)` or `.pipe(z.email())`.
 */
export function singleLineText(label: string, max: number) {
	return z
		.string({ error: `${label} must be text` })
		.overwrite(cleanText)
		.refine((v) => !hasControlCharacters(v), {
			message: `${label} must be a single line without tabs or control characters`,
			abort: true,
		})
		.trim()
		.max(max, tooLong(label, max));
}

/**
 * Free text (a note, a reply, an address): kept as typed except that line endings become \n
 * and control characters other than tab and line feed (NUL included) are dropped.
 */
export function multiLineText(label: string, max: number) {
	return z
		.string({ error: `${label} must be text` })
		.overwrite(cleanMultiLine)
		.max(max, tooLong(label, max));
}

/**
 * Every id a client sends. A malformed id is a 400 naming the field, never a query that fails
 * (uuid columns refuse it) or one that scans for nothing.
 */
export const recordId = z.uuid({ error: 'Not a valid id' });
