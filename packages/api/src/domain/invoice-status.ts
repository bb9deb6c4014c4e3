import type { InvoiceStatus } from '@rapport/db';

/** What users see: the stored status, plus Overdue derived for sent invoices past due. */
export type DisplayStatus = InvoiceStatus | 'overdue';

export const STATUS_LABELS: Record<DisplayStatus, string> = {
	draft: 'Draft',
	sent: 'Sent',
	paid: 'Paid',
	overdue: 'Overdue',
	void: 'Void',
};

/** Today as 'YYYY-MM-DD' in UTC: only where no business (and so no time zone) is involved. */
export function todayUtc(now = new Date()): string {
	return now.toISOString().slice(0, 10);
}

/**
 * Today as 'YYYY-MM-DD' in `timeZone` (IANA): the business's calendar day, the reference for due
 * dates, "Overdue" and payment dates. An unknown zone falls back to UTC rather than failing a page.
 */
export function todayIn(timeZone: string, now = new Date()): string {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		}).formatToParts(now);
	} catch {
		return todayUtc(now);
	}
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

export function displayStatus(
	invoice: { status: InvoiceStatus; dueDate: string },
	today: string,
): DisplayStatus {
	return invoice.status === 'sent' && invoice.dueDate < today ? 'overdue' : invoice.status;
}

export type InvoiceAction =
	| 'edit'
	| 'delete'
	| 'send'
	| 'issue'
	| 'sendAgain'
	| 'markPaid'
	| 'void';

/**
 * The status rules. Draft → Sent → Paid; a sent (or overdue) invoice may be voided; a draft paid
 * at the counter goes straight to Paid. Paid and Void are final: a paid invoice never goes back to
 * unpaid through an edit.
 */
const allowed: Record<InvoiceAction, readonly InvoiceStatus[]> = {
	edit: ['draft'],
	delete: ['draft'],
	send: ['draft'],
	issue: ['draft'],
	sendAgain: ['sent', 'paid'],
	markPaid: ['draft', 'sent'],
	void: ['sent'],
};

const refusals: Record<InvoiceAction, Partial<Record<InvoiceStatus, string>>> = {
	edit: {
		sent: 'A sent invoice cannot be edited. Void it and create a new one instead.',
		paid: 'A paid invoice cannot be edited.',
		void: 'A void invoice cannot be edited.',
	},
	delete: {
		sent: 'A sent invoice cannot be deleted because the customer has a copy. Void it instead.',
		paid: 'A paid invoice cannot be deleted; it is part of your records.',
		void: 'A void invoice is kept for your records and cannot be deleted.',
	},
	send: {
		sent: 'This invoice has already been sent.',
		paid: 'This invoice is already paid.',
		void: 'A void invoice cannot be sent.',
	},
	issue: {
		sent: 'This invoice has already been issued.',
		paid: 'This invoice has already been issued and paid.',
		void: 'A void invoice cannot be issued.',
	},
	sendAgain: {
		draft: 'This invoice has not been sent yet; send it first.',
		void: 'A void invoice cannot be sent.',
	},
	markPaid: {
		paid: 'This invoice is already marked as paid.',
		void: 'A void invoice cannot be paid.',
	},
	void: {
		draft: 'A draft has not been sent; delete it instead.',
		paid: 'A paid invoice cannot be voided.',
		void: 'This invoice is already void.',
	},
};

export function canPerform(action: InvoiceAction, status: InvoiceStatus): boolean {
	return allowed[action].includes(status);
}

/** null when allowed, otherwise the reason to show the user. */
export function refusalReason(action: InvoiceAction, status: InvoiceStatus): string | null {
	return canPerform(action, status)
		? null
		: (refusals[action][status] ?? 'This action is not allowed now.');
}

/** Moves that issue a draft: the issued snapshot is stored with them. */
export function issuesInvoice(move: InvoiceMove): boolean {
	return move.action !== 'void';
}

/** The actions that change an invoice's status (edit and delete leave it a draft). */
export type InvoiceMove =
	/** Send invoice: the invoice is issued (Sent) in the transaction that queues its email. */
	| { action: 'send' }
	/** Issue without sending: issued (Sent) with no email; the public link is handed over. */
	| { action: 'issue' }
	/** Paid at the counter or later; a draft is issued and paid in one step. */
	| { action: 'markPaid'; paidOn: string }
	/** Voiding also revokes the public link. */
	| { action: 'void' };

/** Where a move may start from and what it writes. Pure: the transition use case applies it. */
export function invoiceTransition(move: InvoiceMove, now: Date) {
	const from = allowed[move.action];
	switch (move.action) {
		case 'send':
			return { from, set: { status: 'sent' as const, sentAt: now, issuedAt: now } };
		case 'issue':
			return { from, set: { status: 'sent' as const, issuedAt: now } };
		case 'markPaid':
			return { from, set: { status: 'paid' as const, paidOn: move.paidOn, issuedAt: now } };
		case 'void':
			return { from, set: { status: 'void' as const, voidedAt: now, publicToken: null } };
	}
}
