import type { InvoiceStatus, InvoiceStatusChange } from '@rapport/db';

/**
 * What users see: the stored status, Partially paid for a sent invoice with payments, and
 * Overdue for an unpaid sent one past due. A partially paid invoice past due is both: its
 * status is 'partially_paid' and `isOverdue` says the rest ("Partially paid · Overdue").
 */
export type DisplayStatus = InvoiceStatus | 'overdue' | 'partially_paid';

export const STATUS_LABELS: Record<DisplayStatus, string> = {
	draft: 'Draft',
	sent: 'Sent',
	partially_paid: 'Partially paid',
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

type StatusFacts = { status: InvoiceStatus; dueDate: string; paidMinor?: number };

/** Issued, not fully paid, and past its due date on the business's calendar. */
export function isOverdue(invoice: StatusFacts, today: string): boolean {
	return invoice.status === 'sent' && invoice.dueDate < today;
}

export function displayStatus(invoice: StatusFacts, today: string): DisplayStatus {
	if (invoice.status === 'sent' && (invoice.paidMinor ?? 0) > 0) return 'partially_paid';
	return isOverdue(invoice, today) ? 'overdue' : invoice.status;
}

/** "Partially paid · Overdue", "Overdue", "Paid"… in English (documents translate the parts). */
export function statusLabel(invoice: StatusFacts, today: string): string {
	const status = displayStatus(invoice, today);
	const label = STATUS_LABELS[status];
	return status === 'partially_paid' && isOverdue(invoice, today)
		? `${label} · ${STATUS_LABELS.overdue}`
		: label;
}

export type InvoiceAction =
	| 'edit'
	| 'delete'
	| 'send'
	| 'issue'
	| 'sendAgain'
	| 'markPaid'
	| 'recordPayment'
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
	recordPayment: ['sent'],
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
	recordPayment: {
		draft: 'Issue the invoice first, or use Mark as paid if it was paid at the counter.',
		paid: 'This invoice is already paid in full.',
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
	return move.action === 'send' || move.action === 'issue' || move.action === 'markPaid';
}

/** The actions that change an invoice's status (edit and delete leave it a draft). */
export type InvoiceMove =
	/** Send invoice: the invoice is issued (Sent) in the transaction that queues its email. */
	| { action: 'send' }
	/** Issue without sending: issued (Sent) with no email; the public link is handed over. */
	| { action: 'issue' }
	/** Paid at the counter or later; a draft is issued and paid in one step. */
	| { action: 'markPaid'; paidOn: string }
	/** The payments reached the total (payments/ledger.ts). */
	| { action: 'settle'; paidOn: string }
	/** A payment was deleted and the total is no longer covered. */
	| { action: 'reopen' }
	/** Voiding also revokes the public link. */
	| { action: 'void' };

/** Where a move may start from and what it writes. Pure: the transition use case applies it. */
export function invoiceTransition(
	move: InvoiceMove,
	now: Date,
): { from: readonly InvoiceStatus[]; set: InvoiceStatusChange } {
	switch (move.action) {
		case 'settle':
			return { from: ['sent'], set: { status: 'paid', paidOn: move.paidOn } };
		case 'reopen':
			return { from: ['paid'], set: { status: 'sent', paidOn: null } };
	}
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
