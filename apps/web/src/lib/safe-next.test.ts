import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_LOGIN, safeNextPath } from './safe-next.ts';

describe('safeNextPath', () => {
	it('keeps a path on this site, with its query and hash', () => {
		expect(safeNextPath('/customers/0b6f/notes')).toBe('/customers/0b6f/notes');
		expect(safeNextPath('/invoices?status=overdue&q=INV')).toBe('/invoices?status=overdue&q=INV');
		expect(safeNextPath('/settings#payments')).toBe('/settings#payments');
		expect(safeNextPath('/')).toBe('/');
	});

	it('anything missing or empty goes to the customer list', () => {
		for (const next of [null, undefined, '']) expect(safeNextPath(next)).toBe(DEFAULT_AFTER_LOGIN);
		expect(safeNextPath(null, '/elsewhere')).toBe('/elsewhere');
	});

	it('refuses other origins, however they are spelled', () => {
		for (const next of [
			'https://evil.test/customers',
			'http:evil.test',
			'//evil.test/customers',
			'/\\evil.test',
			'\\\\evil.test',
			'/\t/evil.test',
			'/\n/evil.test',
			' /customers',
			'javascript:alert(1)',
			'customers',
			'./customers',
			'data:text/html,hi',
		]) {
			expect(safeNextPath(next), next).toBe(DEFAULT_AFTER_LOGIN);
		}
	});

	it('refuses control characters anywhere, and absurdly long values', () => {
		expect(safeNextPath('/customers\u0000')).toBe(DEFAULT_AFTER_LOGIN);
		expect(safeNextPath('/customers\u007f')).toBe(DEFAULT_AFTER_LOGIN);
		expect(safeNextPath(`/${'a'.repeat(2_001)}`)).toBe(DEFAULT_AFTER_LOGIN);
	});

	it('encoded slashes stay a path on this site', () => {
		expect(safeNextPath('/%2F%2Fevil.test')).toBe('/%2F%2Fevil.test');
	});

	it('never comes back to the log-in, sign-up, log-out or reset pages', () => {
		for (const next of [
			'/login',
			'/login?next=/x',
			'/signup',
			'/logout',
			'/forgot-password',
			'/reset-password?token=x',
		]) {
			expect(safeNextPath(next), next).toBe(DEFAULT_AFTER_LOGIN);
		}
		expect(safeNextPath('/logins-report')).toBe('/logins-report');
	});
});
