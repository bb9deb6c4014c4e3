import { describe, expect, it } from 'vitest';
import { loginInput, signupInput } from './account.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { passwordProblem } from './password-policy.ts';

describe('password policy (new passwords)', () => {
	it('wants 10 characters that are not whitespace', () => {
		expect(passwordProblem('        ')).toMatch(/at least 10 characters/);
		expect(passwordProblem('a b c d e f g h i')).toMatch(/at least 10 characters/);
		expect(passwordProblem('short-pw1')).toMatch(/at least 10 characters/);
		expect(passwordProblem('tulip-vase-42')).toBeNull();
		expect(passwordProblem('tulip vase 42 blue')).toBeNull();
	});

	it('counts characters, not UTF-16 units', () => {
		expect(passwordProblem('🌷🌷🌷🌷🌷🌷🌷🌷🌷')).toMatch(/at least 10/);
	});

	it('refuses common passwords whatever their case or spacing', () => {
		expect(passwordProblem('password1234')).toMatch(/too common/);
		expect(passwordProblem('Password 1234')).toMatch(/too common/);
		expect(passwordProblem('QWERTYUIOP')).toMatch(/too common/);
		expect(passwordProblem('zzzzzzzzzzzz')).toMatch(/too common/);
	});

	it('ships a list of 10+ character lower-case entries', () => {
		expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(100);
		for (const entry of COMMON_PASSWORDS) {
			expect(entry.length).toBeGreaterThanOrEqual(10);
			expect(entry).toBe(entry.toLowerCase());
		}
	});

	it('caps the length', () => {
		expect(passwordProblem('x1'.repeat(65))).toMatch(/at most 128/);
	});

	it('applies to sign-up, not to log-in (older shorter passwords keep working)', () => {
		const signup = { businessName: 'Florist', email: 'a@example.test' };
		expect(signupInput.safeParse({ ...signup, password: '        ' }).success).toBe(false);
		expect(signupInput.safeParse({ ...signup, password: 'tulip-vase-42' }).success).toBe(true);
		expect(loginInput.safeParse({ email: 'a@example.test', password: 'short' }).success).toBe(true);
		expect(
			loginInput.safeParse({ email: 'demo@rapport.test', password: 'demo-password' }).success,
		).toBe(true);
	});
});
