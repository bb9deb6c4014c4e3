import { describe, expect, it } from 'vitest';
import { displayStatus, invoiceTransition, statusLabel } from './invoice-status.ts';
import {
	balanceDue,
	checkManualPayment,
	paymentState,
	providerPaymentFlag,
	statusForPayments,
} from './payment.ts';

const invoice = { currency: 'EUR', issueDate: '2026-11-01', totalMinor: 15480, paidMinor: 0 };
const today = '2026-12-01';

describe('balances and statuses from the ledger', () => {
	it('derives partial and full payment', () => {
		expect(balanceDue({ totalMinor: 15480, paidMinor: 5000 })).toBe(10480);
		expect(paymentState({ totalMinor: 15480, paidMinor: 0 })).toBe('unpaid');
		expect(paymentState({ totalMinor: 15480, paidMinor: 5000 })).toBe('partial');
		expect(paymentState({ totalMinor: 15480, paidMinor: 15480 })).toBe('paid');
		expect(statusForPayments('sent', { totalMinor: 15480, paidMinor: 15480 })).toBe('paid');
		expect(statusForPayments('sent', { totalMinor: 15480, paidMinor: 5000 })).toBe('sent');
	});

	it('reopens a paid invoice when a deleted payment uncovers it', () => {
		expect(statusForPayments('paid', { totalMinor: 15480, paidMinor: 0 })).toBe('sent');
		expect(invoiceTransition({ action: 'reopen' }, new Date())).toEqual({
			from: ['paid'],
			set: { status: 'sent', paidOn: null },
		});
	});

	it('never moves drafts, void invoices or zero totals', () => {
		expect(statusForPayments('void', { totalMinor: 100, paidMinor: 100 })).toBe('void');
		expect(statusForPayments('draft', { totalMinor: 100, paidMinor: 100 })).toBe('draft');
		expect(statusForPayments('paid', { totalMinor: 0, paidMinor: 0 })).toBe('paid');
	});

	it('an overpayment leaves nothing due, never a negative balance', () => {
		expect(balanceDue({ totalMinor: 100, paidMinor: 150 })).toBe(0);
	});

	it('handles zero-decimal currencies in minor units', () => {
		const yen = { ...invoice, currency: 'JPY', totalMinor: 1500 };
		expect(checkManualPayment({ amount: '500', paidOn: today }, yen, today)).toEqual({
			amountMinor: 500,
		});
		expect(checkManualPayment({ amount: '500.5', paidOn: today }, yen, today)).toEqual({
			errors: { amount: ['Use at most the decimals JPY has'] },
		});
	});

	it('shows Partially paid, and with Overdue when past due', () => {
		const partial = { status: 'sent' as const, dueDate: '2026-12-15', paidMinor: 5000 };
		expect(displayStatus(partial, today)).toBe('partially_paid');
		expect(statusLabel(partial, today)).toBe('Partially paid');
		const late = { ...partial, dueDate: '2026-11-20' };
		expect(statusLabel(late, today)).toBe('Partially paid · Overdue');
		expect(statusLabel({ ...late, paidMinor: 0 }, today)).toBe('Overdue');
		expect(displayStatus({ status: 'paid', dueDate: '2026-11-20', paidMinor: 15480 }, today)).toBe(
			'paid',
		);
	});
});

describe('a payment the owner records', () => {
	it('accepts up to the balance due', () => {
		expect(checkManualPayment({ amount: '50.00', paidOn: today }, invoice, today)).toEqual({
			amountMinor: 5000,
		});
		expect(checkManualPayment({ amount: '154.80', paidOn: today }, invoice, today)).toEqual({
			amountMinor: 15480,
		});
	});

	it('refuses zero, negative, too many decimals and more than is due', () => {
		const check = (amount: string, paid = 0) =>
			checkManualPayment({ amount, paidOn: today }, { ...invoice, paidMinor: paid }, today);
		expect(check('0')).toEqual({ errors: { amount: ['Enter an amount above zero'] } });
		expect(check('-5')).toEqual({ errors: { amount: ['Enter an amount above zero'] } });
		expect(check('1.005')).toEqual({ errors: { amount: ['Use at most the decimals EUR has'] } });
		expect(check('abc')).toEqual({ errors: { amount: ['Enter an amount'] } });
		expect(check('104.81', 5000)).toEqual({
			errors: { amount: ['This is more than the balance due (€104.80)'] },
		});
	});

	it('refuses a date in the future or before the issue date', () => {
		expect(checkManualPayment({ amount: '1', paidOn: '2026-12-02' }, invoice, today)).toEqual({
			errors: { paidOn: ['The payment date cannot be in the future'] },
		});
		expect(checkManualPayment({ amount: '1', paidOn: '2026-10-31' }, invoice, today)).toEqual({
			errors: { paidOn: ['The payment date cannot be before the issue date'] },
		});
	});
});

describe('money a provider took', () => {
	it('is flagged when above the balance or for a void invoice, never refused', () => {
		const sent = { status: 'sent' as const, totalMinor: 15480, paidMinor: 5000 };
		expect(providerPaymentFlag(sent, 10480)).toBeNull();
		expect(providerPaymentFlag(sent, 15480)).toBe('overpaid');
		expect(providerPaymentFlag({ ...sent, status: 'void' }, 100)).toBe('invoice_void');
		expect(providerPaymentFlag({ ...sent, status: 'paid', paidMinor: 15480 }, 100)).toBe(
			'overpaid',
		);
	});
});
