import type { AccountLogins } from '@rapport/api/use-cases';
import { APIError } from 'better-auth/api';
import { getRequestEvent } from '$app/server';
import type { Auth } from './auth.ts';

/**
 * signUp's port to better-auth: it makes the user and password of a new business and, through
 * the sveltekitCookies plugin, signs the browser of the current request in.
 */
export function createAccountLogins(auth: Auth): AccountLogins {
	return {
		async createLogin(login) {
			try {
				await auth.api.signUpEmail({ body: login, headers: getRequestEvent().request.headers });
				return { status: 'created' };
			} catch (error) {
				if (!(error instanceof APIError)) throw error;
				const taken =
					error.body?.code === 'USER_ALREADY_EXISTS' || error.status === 'UNPROCESSABLE_ENTITY';
				return taken ? { status: 'email-taken' } : { status: 'refused', message: error.message };
			}
		},
	};
}
