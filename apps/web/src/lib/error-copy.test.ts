import { describe, expect, it } from 'vitest';
import { backTo, errorCopy } from './error-copy.ts';

describe('errorCopy', () => {
	it('names what was not found, or says the page was not found', () => {
		expect(errorCopy(404, 'Customer not found')).toMatchObject({
			title: 'Customer not found',
			heading: 'Customer not found',
			explanation: expect.stringMatching(/another account/),
		});
		expect(errorCopy(404, 'Not Found').heading).toBe('Page not found');
	});

	it('never shows the message of an unexpected error, only a plain explanation', () => {
		const copy = errorCopy(500, 'Something went wrong (ref abc123)');
		expect(copy).toEqual({
			title: 'Something went wrong',
			heading: 'Something went wrong',
			explanation: expect.stringMatching(/problem on our side/),
		});
		expect(errorCopy(503, 'connect ECONNREFUSED 127.0.0.1:5432').heading).toBe(
			'Something went wrong',
		);
	});

	it('leads back to the list the address was under', () => {
		expect(backTo('/customers/abc/messages')).toEqual({
			href: '/customers',
			label: 'Back to Customers',
		});
		expect(backTo('/invoices?status=overdue').href).toBe('/invoices');
		expect(backTo('/no-such-page').href).toBe('/customers');
	});
});
