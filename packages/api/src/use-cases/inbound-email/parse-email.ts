import { convert } from 'html-to-text';
import { type AddressObject, simpleParser } from 'mailparser';
import { z } from 'zod';
import { cleanText } from '../../domain/clean-text.ts';
import { stripQuotedHistory } from '../../domain/inbound-email.ts';
import {
	addressesInHeaders,
	RAW_EMAIL_LIMITS,
	type RawEmailScan,
	rawEmailOverLimit,
	scanRawEmail,
} from '../../domain/raw-email.ts';

export interface ParsedEmail {
	/** Lower-cased sender address; null when the From header has no usable address. */
	senderEmail: string | null;
	senderName: string | null;
	subject: string | null;
	/** Every address it was delivered to (To, Cc, Delivered-To, X-Original-To), lower-cased. */
	recipients: string[];
	inReplyTo: string | null;
	references: string[];
	rfcMessageId: string | null;
	body: string;
	bodyFull: string;
	attachments: { filename: string; size: number; contentType: string }[];
}

/** An email the parser must not (or could not) read: what its raw headers still tell. */
export interface UnreadableEmail {
	reason: string;
	senderEmail: string | null;
	subject: string | null;
	recipients: string[];
	inReplyTo: string | null;
	references: string[];
	raw: Buffer;
}

const isAddress = (value: string) => z.email().safeParse(value).success;

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
	(Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value);

function headerText(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (value && typeof value === 'object' && 'text' in value) return [String(value.text)];
	return [];
}

const oneLine = (value: string | null | undefined, max = 998) =>
	value
		? cleanText(value)
				.replace(/[\r\n]+/g, ' ')
				.slice(0, max) || null
		: null;

function unreadable(raw: Buffer, scan: RawEmailScan, reason: string): UnreadableEmail {
	const h = (name: string) => scan.headers.get(name) ?? [];
	return {
		reason,
		senderEmail: addressesInHeaders(h('from'))[0] ?? null,
		subject: oneLine(h('subject')[0], 300),
		recipients: addressesInHeaders([
			...h('to'),
			...h('cc'),
			...h('delivered-to'),
			...h('x-original-to'),
		]),
		inReplyTo: h('in-reply-to')[0]?.trim() ?? null,
		references: h('references')
			.flatMap((r) => r.split(/\s+/))
			.filter(Boolean),
		raw: raw.subarray(0, RAW_EMAIL_LIMITS.keptRawBytes),
	};
}

/**
 * Parses a raw email into what is stored, every text cleaned of what PostgreSQL refuses (NUL,
 * lone surrogates). A message over the limits never reaches the parser; one the parser refuses
 * comes back as `unreadable` with the routing headers read from the raw text.
 */
export async function parseInboundEmail(
	raw: Buffer,
): Promise<{ ok: true; email: ParsedEmail } | { ok: false; email: UnreadableEmail }> {
	const scan = scanRawEmail(raw);
	const over = rawEmailOverLimit(scan);
	if (over) return { ok: false, email: unreadable(raw, scan, over) };
	let mail: Awaited<ReturnType<typeof simpleParser>>;
	try {
		mail = await simpleParser(raw);
	} catch (error) {
		const reason = `the parser refused it (${oneLine((error as Error).message, 200) ?? 'unknown error'})`;
		return { ok: false, email: unreadable(raw, scan, reason) };
	}

	// Obsolete or broken From syntax can yield "addresses" like "@relay.test:": no sender then.
	const sender = addressesOf(mail.from).find((v) => v.address && isAddress(v.address));
	const recipients = [
		...addressesOf(mail.to).map((v) => v.address ?? ''),
		...addressesOf(mail.cc).map((v) => v.address ?? ''),
		...addressesInHeaders(
			['delivered-to', 'x-original-to'].flatMap((h) => headerText(mail.headers.get(h))),
		),
	]
		.filter((a) => a.includes('@'))
		.map((a) => cleanText(a).toLowerCase());
	// HTML-only mail (or an empty text part beside the HTML one) keeps the HTML's text.
	const text =
		mail.text?.trim() || !mail.html
			? (mail.text ?? '')
			: convert(mail.html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] });
	const bodyFull = cleanText(text);
	const references = Array.isArray(mail.references)
		? mail.references
		: (mail.references?.split(/\s+/) ?? []);
	return {
		ok: true,
		email: {
			senderEmail: sender?.address ? cleanText(sender.address).toLowerCase() : null,
			senderName: oneLine(sender?.name || addressesOf(mail.from)[0]?.name, 200),
			subject: oneLine(mail.subject),
			recipients,
			inReplyTo: oneLine(mail.inReplyTo),
			references: references.map((r) => cleanText(r)).filter(Boolean),
			rfcMessageId: oneLine(mail.messageId),
			body: stripQuotedHistory(bodyFull),
			bodyFull,
			attachments: mail.attachments.map((a) => ({
				filename: oneLine(a.filename, 255) ?? 'attachment',
				size: a.size,
				contentType: cleanText(a.contentType),
			})),
		},
	};
}
