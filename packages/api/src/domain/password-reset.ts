import { z } from 'zod';
import { loginInput } from './account.ts';
import { passwordProblem } from './password-policy.ts';

export { PASSWORD_MIN_CHARACTERS } from './password-policy.ts';

/** How long a reset link works (better-auth's resetPasswordTokenExpiresIn). */
export const PASSWORD_RESET_TTL_SECONDS = 60 * 60;

/**
 * better-auth keeps a reset as a `verifications` row whose identifier is this prefix and the
 * token, with the user's id as its value (better-auth 1.7, api/routes/password). The worker reads
 * the token from that row to build the link, so the token never travels through Redis.
 */
export const PASSWORD_RESET_PREFIX = 'reset-password:';

export function passwordResetIdentifier(token: string): string {
	return `${PASSWORD_RESET_PREFIX}${token}`;
}

/** The token of a reset row, or null for a row of any other kind. */
export function passwordResetToken(identifier: string): string | null {
	if (!identifier.startsWith(PASSWORD_RESET_PREFIX)) return null;
	const token = identifier.slice(PASSWORD_RESET_PREFIX.length);
	return /^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : null;
}

export function passwordResetLink(origin: string, token: string): string {
	return `${origin.replace(/\/$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
}

/** The answer to every reset request, so it never tells whether an account exists. */
export const PASSWORD_RESET_SENT_MESSAGE =
	'If an account exists for that address, we’ve sent a link to reset its password. It works once, for an hour. Check your spam folder if it does not arrive in a few minutes.';

export const PASSWORD_RESET_INVALID_MESSAGE =
	'This reset link has expired or was already used: each link works once, for an hour. Ask for a new one.';

export const forgotPasswordInput = loginInput.pick({ email: true });

export const resetPasswordInput = z.object({
	token: z
		.string({ error: 'This reset link is incomplete.' })
		.min(1, 'This reset link is incomplete.'),
	// Not trimmed: a password is exactly what was typed (as at sign-up).
	newPassword: z.string({ error: 'Password is required' }).superRefine((v, ctx) => {
		const problem = passwordProblem(v);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	}),
});
