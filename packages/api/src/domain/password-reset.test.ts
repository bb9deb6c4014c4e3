import { describe, expect, it } from 'vitest';
import {
	forgotPasswordInput,
	passwordResetIdentifier,
	passwordResetLink,
	passwordResetToken,
	resetPasswordInput,
} from './password-reset.ts';

describe('password reset rows and links', () => {
	it('reads the token back from better-auth’s identifier, and nothing from other rows', () => {
		const token = 'AbCdEfGhIjKlMnOpQrStUvWx';
		expect(passwordResetToken(passwordResetIdentifier(token))).toBe(token);
		expect(passwordResetToken(`email-verification:${token}`)).toBeNull();
		expect(passwordResetToken('reset-password:')).toBeNull();
		expect(passwordResetToken('reset-password:short')).toBeNull();
		expect(passwordResetToken('reset-password:has spaces and/slashes?x=1')).toBeNull();
	});

	it('links to the reset page of the public origin', () => {
		expect(passwordResetLink('https://app.example.com/', 'AbC_d-9')).toBe(
			'https://app.example.com/reset-password?token=AbC_d-9',
		);
	});
});

describe('reset forms', () => {
	it('the request takes an email, lowercased', () => {
		expect(forgotPasswordInput.parse({ email: ' Owner@Example.TEST ' })).toEqual({
			email: 'owner@example.test',
		});
		expect(forgotPasswordInput.safeParse({ email: 'nope' }).success).toBe(false);
	});

	it('the new password follows the sign-up policy', () => {
		const ok = resetPasswordInput.safeParse({ token: 't', newPassword: 'tulip-vase-42' });
		expect(ok.success).toBe(true);
		const short = resetPasswordInput.safeParse({ token: 't', newPassword: 'short' });
		expect(short.error?.issues[0]).toMatchObject({
			path: ['newPassword'],
			message: expect.stringMatching(/at least 10 characters/),
		});
		const common = resetPasswordInput.safeParse({ token: 't', newPassword: 'password1234' });
		expect(common.error?.issues[0]?.message).toMatch(/too common/);
		expect(resetPasswordInput.safeParse({ newPassword: 'tulip-vase-42' }).success).toBe(false);
	});
});
