import { describe, expect, it } from 'vitest';
import { mailDomainOf, newRfcMessageId, replyAddress, replyTokenIn } from './email-identity.ts';

describe('email identity', () => {
	it('takes the domain from MAIL_FROM', () => {
		expect(mailDomainOf('Rapport <no-reply@Example.COM>')).toBe('example.com');
		expect(mailDomainOf('billing@shop.test')).toBe('shop.test');
		expect(() => mailDomainOf('nobody')).toThrow();
	});

	it('makes unique Message-IDs in our domain', () => {
		const a = newRfcMessageId('example.com');
		expect(a).toMatch(/^<[0-9a-f-]{36}@example\.com>$/);
		expect(newRfcMessageId('example.com')).not.toBe(a);
	});

	it('round-trips the conversation token through the reply address', () => {
		const token = '0123456789abcdef0123456789abcdef';
		const address = replyAddress(token, 'example.com');
		expect(replyTokenIn(['someone@else.test', `"Shop" <${address}>`])).toBe(token);
		expect(replyTokenIn(['reply+short@example.com'])).toBeNull();
	});
});
