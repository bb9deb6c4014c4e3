import { betterAuth } from 'better-auth';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import type pg from 'pg';
import { getRequestEvent } from '$app/server';
import { authOptions, type PasswordResetHooks } from './auth-options.ts';

/**
 * better-auth for the web app. Its HTTP handler is not mounted: sign-up and log-in run only
 * through our form actions (the cookies plugin signs the browser in from there), so nobody can
 * create a user outside a business of their own.
 */
export function createAuth(
	pool: pg.Pool,
	opts: { secret: string; baseURL: string; passwordReset: PasswordResetHooks },
) {
	return betterAuth({ ...authOptions(pool, opts), plugins: [sveltekitCookies(getRequestEvent)] });
}

export type Auth = ReturnType<typeof createAuth>;
