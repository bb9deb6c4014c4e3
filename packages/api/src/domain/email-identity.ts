import { randomUUID } from 'node:crypto';

/** The domain part of MAIL_FROM ("Rapport <no-reply@example.com>" → "example.com"). */
export function mailDomainOf(mailFrom: string): string {
	const match = /@([^>\s]+)>?\s*$/.exec(mailFrom.trim());
	if (!match?.[1]) throw new Error(`MAIL_FROM has no domain: ${mailFrom}`);
	return match[1].toLowerCase();
}

/** Our own Message-ID for an outbound email, fixed before the first attempt so retries reuse it. */
export function newRfcMessageId(domain: string): string {
	return `<${randomUUID()}@${domain}>`;
}

/** Reply-To that threads the customer's answer back to their conversation. */
export function replyAddress(token: string, domain: string): string {
	return `reply+${token}@${domain}`;
}

/** The conversation token in any reply+<token>@… address among `addresses`, if present. */
export function replyTokenIn(addresses: string[]): string | null {
	for (const address of addresses) {
		const match = /(?:^|[<\s,])reply\+([a-z0-9]{16,64})@/i.exec(address);
		if (match?.[1]) return match[1].toLowerCase();
	}
	return null;
}
