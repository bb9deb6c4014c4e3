import { APIError } from 'better-auth/api';
import type { ResetRequestLimiter } from './reset-request-limiter.ts';

/** The two better-auth endpoints a reset uses (auth.api, called on the server only). */
export interface ResetEndpoints {
	requestPasswordReset(input: { body: { email: string } }): Promise<unknown>;
	resetPassword(input: { body: { token: string; newPassword: string } }): Promise<unknown>;
}

export type ResetRequestOutcome = { status: 'sent' } | { status: 'limited'; waitSeconds: number };

export interface PasswordResets {
	/** Same outcome for an address with an account and one without (only the limit differs). */
	request(email: string, ip: string): Promise<ResetRequestOutcome>;
	/** 'invalid': expired, used, superseded by another reset, or never issued. */
	reset(token: string, newPassword: string): Promise<'done' | 'invalid'>;
}

/**
 * Forgot password through better-auth: it stores the token and user as a verifications row and
 * calls sendResetPassword (auth-options.ts), which queues the email for the worker. Resetting
 * consumes the row, sets the password and ends every session of the user in one transaction.
 */
export function createPasswordResets(
	api: ResetEndpoints,
	limiter: ResetRequestLimiter,
): PasswordResets {
	return {
		async request(email, ip) {
			const refusal = await limiter.check(email, ip);
			if (refusal) return { status: 'limited', waitSeconds: refusal.waitSeconds };
			await api.requestPasswordReset({ body: { email } });
			return { status: 'sent' };
		},

		async reset(token, newPassword) {
			try {
				await api.resetPassword({ body: { token, newPassword } });
				return 'done';
			} catch (error) {
				const code = error instanceof APIError ? error.body?.code : undefined;
				if (code === 'INVALID_TOKEN' || code === 'USER_NOT_FOUND') return 'invalid';
				throw error;
			}
		},
	};
}
