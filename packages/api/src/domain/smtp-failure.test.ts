import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './smtp-failure.ts';

describe('classifySmtpError', () => {
	it('treats 5xx replies and bad credentials as permanent', () => {
		expect(classifySmtpError({ responseCode: 550, response: '550 No such user' })).toEqual({
			permanent: true,
			reason: 'The mail server refused the email: 550 No such user',
		});
		expect(classifySmtpError({ code: 'EAUTH', message: 'Invalid login' }).permanent).toBe(true);
	});

	it('retries 4xx replies and connection failures', () => {
		expect(classifySmtpError({ responseCode: 451, response: '451 Try again' }).permanent).toBe(
			false,
		);
		expect(
			classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }),
		).toMatchObject({
			permanent: false,
			reason: expect.stringMatching(/Could not reach the mail server/),
		});
		expect(classifySmtpError(new Error('socket hang up')).permanent).toBe(false);
	});
});
