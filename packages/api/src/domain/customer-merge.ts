import type { Customer, CustomerMergeCounts } from '@rapport/db';

type Details = Pick<Customer, 'email' | 'phone' | 'address' | 'taxId'>;

/**
 * What the survivor of a merge takes from the merged customer: only the details it lacks. Its own
 * name and details stay; the merged customer's other emails and phones join it as addresses.
 */
export function detailsTakenInMerge(survivor: Details, merged: Details): Partial<Details> {
	const taken: Partial<Details> = {};
	for (const key of ['email', 'phone', 'address', 'taxId'] as const) {
		if (survivor[key] === null && merged[key] !== null) taken[key] = merged[key];
	}
	return taken;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The moved rows, in words, nothing left out when zero ("no messages" reads as a fact too). */
export function describeMoved(moved: CustomerMergeCounts): string[] {
	return [
		`${count(moved.messages, 'message')}${moved.unread ? ` (${moved.unread} unread)` : ''}`,
		count(moved.notes, 'note'),
		count(moved.invoices, 'invoice'),
		count(moved.payments, 'payment'),
		count(moved.emails, 'email address', 'email addresses'),
		count(moved.phones, 'phone number'),
	];
}

/** The survivor's Messages tab records the merge (the owner's language: English). */
export function mergeEventText(
	merged: { name: string; email: string | null },
	moved: CustomerMergeCounts,
): string {
	const who = merged.email ? `${merged.name} (${merged.email})` : merged.name;
	return `${who} was merged into this customer. Moved: ${describeMoved(moved).join(', ')}.`;
}
