import { describe, expect, it } from 'vitest';
import { customerInput } from './customer.ts';

describe('customerInput', () => {
	it('trims values and turns empty optional fields into null', () => {
		expect(customerInput.parse({ name: '  Ada  ', email: ' ', phone: '' })).toEqual({
			name: 'Ada',
			email: null,
			phone: null,
		});
	});

	it('keeps the email as typed (matching is case-insensitive elsewhere)', () => {
		expect(customerInput.parse({ name: 'Ada', email: 'Ada@Example.com' }).email).toBe(
			'Ada@Example.com',
		);
	});

	it.each([
		[{ name: '' }, 'name', 'Name is required'],
		[{ name: '   ' }, 'name', 'Name is required'],
		[{ name: 'x'.repeat(201) }, 'name', 'Name must be at most 200 characters'],
		[{ name: 'Ada', email: 'not-an-email' }, 'email', 'Enter a valid email address'],
		[{ name: 'Ada', phone: 'call me' }, 'phone', 'Enter a valid phone number'],
	])('rejects %j with a message on %s', (input, field, message) => {
		const result = customerInput.safeParse(input);
		expect(result.success).toBe(false);
		const issue = result.error?.issues.find((i) => i.path[0] === field);
		expect(issue?.message).toBe(message);
	});
});
