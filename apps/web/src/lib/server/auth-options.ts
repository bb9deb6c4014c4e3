import type { BetterAuthOptions } from 'better-auth';
import type pg from 'pg';

const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' } as const;

/**
 * better-auth over our own tables (created by our migrations, snake_case columns), without
 * anything of SvelteKit's, so the demo seed makes its login with the same settings.
 */
export function authOptions(pool: pg.Pool, opts: { secret: string; baseURL: string }) {
	return {
		database: pool,
		secret: opts.secret,
		baseURL: opts.baseURL,
		telemetry: { enabled: false },
		// New passwords are checked by signupInput (10 non-space characters, not a common one);
		// better-auth's own floor matches it. Log-in never checks length: older, shorter
		// passwords keep working.
		emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128 },
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
