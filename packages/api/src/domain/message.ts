import { multiLineText } from './text-input.ts';

export const REPLY_MAX_LENGTH = 10_000;

export const replyBody = multiLineText('A reply', REPLY_MAX_LENGTH).refine(
	(v) => v.trim().length > 0,
	'Write a reply before sending',
);

/** "Re: <their subject>" once, never "Re: Re: …"; a plain subject when they wrote none. */
export function replySubject(
	inboundSubject: string | null | undefined,
	businessName: string,
): string {
	const subject = inboundSubject?.replace(/[\r\n]+/g, ' ').trim();
	if (!subject) return `Message from ${businessName}`;
	return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}
