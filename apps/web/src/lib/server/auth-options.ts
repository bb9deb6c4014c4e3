import { PASSWORD_RESET_TTL_SECONDS } from '@rapport/api/domain';
import type { BetterAuthOptions } from 'better-auth';
import type pg from 'pg';

const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;

/** What a password reset does outside better-auth (see password-reset.ts). */
export interface PasswordResetHooks {
	/** A reset was stored with this token: queue its email (the worker sends it). */
	queueEmail(token: string): Promise<unknown>;
	/** The user set a new password with one of their links. */
	done(userId: string): Promise<unknown>;
}

/**
 * better-auth over our own tables (created by our migrations, snake_case columns), without
 * anything of SvelteKit's, so the demo seed makes its login with the same settings.
 */
export function authOptions(
	pool: pg.Pool,
	opts: { secret: string; baseURL: string; passwordReset?: PasswordResetHooks },
) {
	const reset = opts.passwordReset;
	return {
		database: pool,
		secret: opts.secret,
		baseURL: opts.baseURL,
		telemetry: { enabled: false },
		// New passwords are checked by signupInput (10 non-space characters, not a common one);
		// better-auth's own floor matches it. Log-in never checks length: older, shorter
		// passwords keep working.
		emailAndPassword: {
			enabled: true,
			minPasswordLength: 10,
			maxPasswordLength: 128,
			// better-auth's `url` points at its own HTTP handler, which is not mounted: the worker
			// builds our /reset-password link from the token it reads in the verifications row.
			sendResetPassword:
				reset &&
				(async ({ token }) => {
					await reset.queueEmail(token);
				}),
			onPasswordReset:
				reset &&
				(async ({ user }) => {
					await reset.done(user.id);
				}),
			resetPasswordTokenExpiresIn: PASSWORD_RESET_TTL_SECONDS,
			// With the new password (one transaction): whoever held a session of the user is logged out.
			revokeSessionsOnPasswordReset: true,
		},
		session: {
			modelName: 'sessions',
			fields: {
				...timestamps,
				userId: 'user_id',
				expiresAt: 'expires_at',
				ipAddress: 'ip_address',
				userAgent: 'user_agent',
			},
		},
		user: {
			modelName: 'users',
			fields: { ...timestamps, emailVerified: 'email_verified' },
			additionalFields: {
				businessId: { type: 'string', required: true, input: true, fieldName: 'business_id' },
			},
		},
		account: {
			modelName: 'accounts',
			fields: {
				...timestamps,
				userId: 'user_id',
				accountId: 'account_id',
				providerId: 'provider_id',
				accessToken: 'access_token',
				refreshToken: 'refresh_token',
				idToken: 'id_token',
				accessTokenExpiresAt: 'access_token_expires_at',
				refreshTokenExpiresAt: 'refresh_token_expires_at',
			},
		},
		verification: {
			modelName: 'verifications',
			fields: { ...timestamps, expiresAt: 'expires_at' },
		},
	} satisfies BetterAuthOptions;
}
