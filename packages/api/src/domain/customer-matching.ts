import { CUSTOMER_NAME_MAX, customerInput } from './customer.ts';

/** How emails are compared when matching a sender to a customer: trimmed, lower-case. */
export function customerEmailKey(email: string): string {
	return email.trim().toLowerCase();
}

export interface CustomerCandidate {
	/** customerEmailKey(email): one customer per key within a business. */
	key: string;
	/** As typed (trimmed); stored only when the customer is new. */
	email: string;
	/** For a new customer: the sender's name on one line, or the email when none was given. */
	name: string;
	/** Only a phone the customer profile would accept; the raw value stays in the message. */
	phone: string | null;
	lastActivityAt: Date;
}

/**
 * The customer a contact-form sender becomes or matches. Existing customers keep their name
 * (the business may have corrected it); a missing phone is filled in.
 */
export function customerFromSender(
	sender: { email: string; name: string | null; phone: string | null },
	at: Date,
): CustomerCandidate {
	const email = sender.email.trim();
	const name = (sender.name ?? '').replace(/\s+/g, ' ').trim().slice(0, CUSTOMER_NAME_MAX) || email;
	const phone = customerInput.shape.phone.safeParse(sender.phone ?? '');
	return {
		key: customerEmailKey(email),
		email,
		name,
		phone: phone.success ? phone.data : null,
		lastActivityAt: at,
	};
}

/**
 * One candidate per business + email for a batch of submissions (an upsert may touch a row
 * only once): the earliest submission's name wins, the first phone given fills a gap, and
 * activity is the latest time.
 */
export function mergeCandidates<T extends { businessId: string; customer: CustomerCandidate }>(
	items: readonly T[],
): { businessId: string; customer: CustomerCandidate }[] {
	const merged = new Map<string, { businessId: string; customer: CustomerCandidate }>();
	const ordered = [...items].sort(
		(a, b) => a.customer.lastActivityAt.getTime() - b.customer.lastActivityAt.getTime(),
	);
	for (const { businessId, customer } of ordered) {
		const id = `${businessId} ${customer.key}`;
		const seen = merged.get(id);
		if (!seen) {
			merged.set(id, { businessId, customer: { ...customer } });
			continue;
		}
		seen.customer.phone ??= customer.phone;
		seen.customer.lastActivityAt = customer.lastActivityAt;
	}
	// A stable order, so concurrent batches lock customer rows in the same order (no deadlock).
	return [...merged.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, value]) => value);
}
