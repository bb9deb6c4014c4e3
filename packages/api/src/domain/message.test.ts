import { describe, expect, it } from 'vitest';
import { replySubject } from './message.ts';

describe('replySubject', () => {
	it('adds one "Re: " to a fresh subject', () => {
		expect(replySubject('Contact form', 'Bloom')).toBe('Re: Contact form');
	});

	it('never stacks: any run of Re prefixes, in any case and spacing, becomes one', () => {
		expect(replySubject('Re: Contact form', 'Bloom')).toBe('Re: Contact form');
		expect(replySubject('RE: re:Re :  Contact form', 'Bloom')).toBe('Re: Contact form');
		expect(replySubject('re: Re: Re: Invoice INV-0001', 'Bloom')).toBe('Re: Invoice INV-0001');
	});

	it('folds only Re: a forwarded subject or a word starting with "re" is theirs', () => {
		expect(replySubject('Fwd: Quote', 'Bloom')).toBe('Re: Fwd: Quote');
		expect(replySubject('Receipt needed', 'Bloom')).toBe('Re: Receipt needed');
	});

	it('is one line, and a plain subject when there is none', () => {
		expect(replySubject('Hello\r\nBcc: x@example.com', 'Bloom')).toBe(
			'Re: Hello Bcc: x@example.com',
		);
		expect(replySubject(null, 'Bloom')).toBe('Message from Bloom');
		expect(replySubject('  Re:  ', 'Bloom')).toBe('Message from Bloom');
	});
});
