import { COMMON_PASSWORDS } from './common-passwords.ts';

/** New passwords only: log-in accepts whatever an account was created with. */
export const PASSWORD_MIN_CHARACTERS = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Why a new password is refused, or null when it is fine. Whitespace does not count toward the
 * minimum (eight spaces are not a password), and the common-password check ignores case and
 * spaces so "Password 1234" is caught like "password1234".
 */
export function passwordProblem(password: string): string | null {
	const visible = password.replace(/\s/gu, '');
	if ([...visible].length < PASSWORD_MIN_CHARACTERS) {
		return `Password must be at least ${PASSWORD_MIN_CHARACTERS} characters, not counting spaces`;
	}
	if (password.length > PASSWORD_MAX_LENGTH) {
		return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
	}
	const normalised = visible.toLowerCase();
	if (COMMON_PASSWORDS.has(normalised) || new Set(normalised).size === 1) {
		return 'This password is too common. Choose one that is harder to guess.';
	}
	return null;
}
