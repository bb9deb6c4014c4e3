import { describe, expect, it } from 'vitest';
import { describeMoved, detailsTakenInMerge, mergeEventText } from './customer-merge.ts';

const none = { email: null, phone: null, address: null, taxId: null };
const moved = {
	messages: 3,
	unread: 1,
	notes: 1,
	invoices: 2,
	payments: 0,
	emails: 2,
	phones: 1,
	openBalanceMinor: 5000,
};

describe('detailsTakenInMerge', () => {
	it('fills only what the survivor lacks', () => {
		expect(
			detailsTakenInMerge(
				{ ...none, email: 'keep@example.com' },
				{ email: 'gone@example.com', phone: '+44 20', address: '1 Road', taxId: null },
			),
		).toEqual({ phone: '+44 20', address: '1 Road' });
	});

	it('takes nothing from a customer with nothing', () => {
		expect(detailsTakenInMerge(none, none)).toEqual({});
	});
});

describe('mergeEventText', () => {
	it('names who was merged and counts what moved', () => {
		expect(mergeEventText({ name: 'Ann Work', email: 'ann@work.example' }, moved)).toBe(
			'Ann Work (ann@work.example) was merged into this customer. Moved: 3 messages (1 unread), 1 note, 2 invoices, 0 payments, 2 email addresses, 1 phone number.',
		);
	});

	it('reads without an email and in the singular', () => {
		const one = { ...moved, messages: 1, unread: 0, invoices: 1, emails: 1 };
		expect(describeMoved(one).slice(0, 3)).toEqual(['1 message', '1 note', '1 invoice']);
		expect(mergeEventText({ name: 'Ann', email: null }, one)).toMatch(/^Ann was merged/);
	});
});
