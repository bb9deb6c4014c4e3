import type { HeldEmailReason } from '@rapport/db';
import { replyTokenIn } from './email-identity.ts';

/**
 * The part of a reply the customer actually wrote: everything before the quoted history that
 * mail clients append ("On … wrote:", Outlook's "-----Original Message-----" or "From: … Sent:"
 * header block, and trailing "> " quote lines). The full original is kept elsewhere.
 */
export function stripQuotedHistory(text: string): string {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	const cut = lines.findIndex(
		(line, i) =>
			/^On .+wrote:\s*$/i.test(line.trim()) ||
			(/^On .+/i.test(line.trim()) && /wrote:\s*$/i.test(lines[i + 1]?.trim() ?? '')) ||
			/^-{2,}\s*Original Message\s*-{2,}$/i.test(line.trim()) ||
			(/^From:\s/i.test(line) &&
				lines.slice(i + 1, i + 4).some((l) => /^(Sent|Date):\s/i.test(l))) ||
			/^Le .+a écrit\s*:\s*$/i.test(line.trim()) ||
			/^Am .+schrieb .+:\s*$/i.test(line.trim()),
	);
	let kept = cut >= 0 ? lines.slice(0, cut) : lines;
	// Trailing quoted lines without an attribution line.
	while (kept.length && (/^>/.test(kept.at(-1)!) || kept.at(-1)!.trim() === ''))
		kept = kept.slice(0, -1);
	const result = kept.join('\n').trim();
	return result || text.trim();
}

export interface ThreadingHeaders {
	/** Every address the message was delivered to (To, Cc, Delivered-To, X-Original-To). */
	recipients: string[];
	inReplyTo?: string | null;
	references?: string[] | string | null;
}

/** What can tie an inbound email to a conversation, strongest first. */
export function threadingKeys(headers: ThreadingHeaders) {
	const references = Array.isArray(headers.references)
		? headers.references
		: (headers.references?.split(/\s+/) ?? []);
	const referencedIds = [
		...new Set([headers.inReplyTo, ...references].filter((v): v is string => !!v?.trim())),
	].map((id) => id.trim());
	return { replyToken: replyTokenIn(headers.recipients), referencedIds };
}

/** A business's issued inbound address. */
export function inboundAddress(localPart: string, domain: string): string {
	return `${localPart}@${domain}`;
}

/**
 * Local parts of the recipients at our inbound domain that could be issued inbound addresses.
 * Issued ones are `<slug>-<random>` in [a-z0-9-] only, so `reply+<token>` never matches.
 */
export function inboundLocalPartsIn(recipients: string[], domain: string): string[] {
	const suffix = `@${domain.toLowerCase()}`;
	return [
		...new Set(
			recipients
				.map((r) => r.trim().toLowerCase())
				.filter((r) => r.endsWith(suffix))
				.map((r) => r.slice(0, -suffix.length))
				.filter((local) => /^[a-z0-9-]{3,80}$/.test(local)),
		),
	];
}

/** What Settings says about a held email. */
export function heldReasonLabel(reason: HeldEmailReason, detail?: string | null): string {
	switch (reason) {
		case 'unknown-sender':
			return 'Unknown sender';
		case 'no-sender':
			return 'No sender address';
		case 'unreadable':
			return `Could not be read: ${detail ?? 'the message is malformed'}`;
		case 'unverified-address':
			return 'Arrived before your business email was verified';
	}
}
