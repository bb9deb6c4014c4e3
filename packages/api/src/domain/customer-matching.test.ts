import { describe, expect, it } from 'vitest';
import { customerEmailKey, customerFromSender, mergeCandidates } from './customer-matching.ts';

const at = new Date('2026-11-28T12:00:00.000Z');
const later = new Date('2026-11-28T12:05:00.000Z');

describe('customer matching', () => {
	it('matches emails trimmed and case-insensitively', () => {
		expect(customerEmailKey('  Ada@Example.COM ')).toBe('ada@example.com');
	});

	it('names a new customer after the sender, on one line, or after the email', () => {
		expect(
			customerFromSender({ email: ' Ada@Example.com ', name: 'Ada\r\n Lovelace', phone: null }, at),
		).toEqual({
			key: 'ada@example.com',
			email: 'Ada@Example.com',
			name: 'Ada Lovelace',
			phone: null,
			lastActivityAt: at,
		});
		expect(customerFromSender({ email: 'x@y.co', name: null, phone: null }, at).name).toBe(
			'x@y.co',
		);
	});

	it('keeps only a phone the customer profile would accept', () => {
		const sender = { email: 'x@y.co', name: 'X' };
		expect(customerFromSender({ ...sender, phone: ' +1 555 0100 ' }, at).phone).toBe('+1 555 0100');
		expect(customerFromSender({ ...sender, phone: 'call after 5' }, at).phone).toBeNull();
	});

	it('merges one batch into one candidate per business and email', () => {
		const c = (email: string, name: string, phone: string | null, when: Date) =>
			customerFromSender({ email, name, phone }, when);
		const merged = mergeCandidates([
			{ businessId: 'b', customer: c('ADA@x.co', 'Later Ada', '+1 555 0100', later) },
			{ businessId: 'b', customer: c('ada@x.co', 'Ada', null, at) },
			{ businessId: 'a', customer: c('ada@x.co', 'Other business', null, at) },
		]);
		expect(merged).toEqual([
			{ businessId: 'a', customer: expect.objectContaining({ name: 'Other business' }) },
			{
				businessId: 'b',
				customer: expect.objectContaining({
					name: 'Ada',
					email: 'ada@x.co',
					phone: '+1 555 0100',
					lastActivityAt: later,
				}),
			},
		]);
	});
});
