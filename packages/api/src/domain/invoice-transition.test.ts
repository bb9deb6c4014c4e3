import { describe, expect, it } from 'vitest';
import { invoiceTransition } from './invoice-status.ts';

describe('invoice transitions', () => {
	const now = new Date('2026-12-01T10:00:00Z');

	it('sends drafts only, issuing them', () => {
		expect(invoiceTransition({ action: 'send' }, now)).toEqual({
			from: ['draft'],
			set: { status: 'sent', sentAt: now, issuedAt: now },
		});
	});

	it('pays drafts and sent invoices; a draft is issued on the way', () => {
		expect(invoiceTransition({ action: 'markPaid', paidOn: '2026-11-30' }, now)).toEqual({
			from: ['draft', 'sent'],
			set: { status: 'paid', paidOn: '2026-11-30', issuedAt: now },
		});
	});

	it('voids sent invoices and revokes their public link', () => {
		expect(invoiceTransition({ action: 'void' }, now)).toEqual({
			from: ['sent'],
			set: { status: 'void', voidedAt: now, publicToken: null },
		});
	});
});
