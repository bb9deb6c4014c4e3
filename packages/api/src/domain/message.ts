import { multiLineText } from './text-input.ts';

export const REPLY_MAX_LENGTH = 10_000;

export const replyBody = multiLineText('A reply', REPLY_MAX_LENGTH).refine(
	(v) => v.trim().length > 0,
	'Write a reply before sending',
);

/**
 * "Re: <their subject>" with one "Re: " at most, however many their client stacked ("RE: re:
 * Re:"); a plain subject when they wrote none. Only "Re" is folded: "Fwd:" is their wording.
 */
export function replySubject(
	inboundSubject: string | null | undefined,
	businessName: string,
): string {
	const subject = inboundSubject?.replace(/[\r\n]+/g, ' ').trim();
	const rest = subject?.replace(/^(?:re\s*:\s*)+/i, '').trim();
	if (!rest) return `Message from ${businessName}`;
	return `Re: ${rest}`;
}
