import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';

// A browser that logged into an account before skips that account's log-in delay (see
// login-limiter.ts), so an attacker failing on purpose cannot keep the owner out. The cookie is
// an HMAC of the account's email under the app secret: it proves a past log-in, nothing more
// (the password is still checked), and cannot be made up for another account.

const COOKIE = 'rapport_device';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

function tokenFor(secret: string, email: string): string {
	return createHmac('sha256', secret)
		.update(`known-device:${email.trim().toLowerCase()}`)
		.digest('base64url');
}

export function isKnownDevice(cookies: Cookies, secret: string, email: string): boolean {
	const presented = Buffer.from(cookies.get(COOKIE) ?? '');
	const expected = Buffer.from(tokenFor(secret, email));
	return presented.length === expected.length && timingSafeEqual(presented, expected);
}

export function rememberDevice(
	cookies: Cookies,
	secret: string,
	email: string,
	opts: { secure: boolean },
): void {
	cookies.set(COOKIE, tokenFor(secret, email), {
		path: '/login',
		httpOnly: true,
		secure: opts.secure,
		sameSite: 'lax',
		maxAge: ONE_YEAR_SECONDS,
	});
}
