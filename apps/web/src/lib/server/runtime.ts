import type { Cookies } from '@sveltejs/kit';
import type { WebDeps } from './deps.ts';
import { isKnownDevice, rememberDevice } from './known-device.ts';
import { mailInboxUrl } from './mail-inbox.ts';

// The dependency container is private to the server: hooks.server.ts builds it in `init` and
// hands it over here once. Routes reach only the narrow pieces below; what the business does
// goes through `locals.trpc` or a use case.

let deps: WebDeps | undefined;

/** Called once by hooks.server.ts `init`. */
export function startRuntime(built: WebDeps): void {
	deps = built;
}

function current(): WebDeps {
	if (!deps) throw new Error('hooks.server.ts init has not run');
	return deps;
}

/** What use cases and the API context take: no auth, no raw Redis, no environment. */
export function apiDeps() {
	const { db, jobs, mail, events, log, payments, env } = current();
	return { db, jobs, mail, events, log, payments, origin: env.ORIGIN };
}

/** The public origin (ORIGIN), as links and embed snippets show it. */
export const origin = () => current().env.ORIGIN;

/** The local mail catcher's inbox (its root URL), linked in the sidebar; null in production. */
export const mailcatcherUrl = () => mailInboxUrl(current().env);

/** better-auth: sessions, log-in and log-out. */
export const auth = () => current().auth;

/** What signUp needs, its port to better-auth included. */
export function signUpDeps() {
	const { db, jobs, log, accounts, env } = current();
	return { db, jobs, log, accounts, trialDays: env.TRIAL_DAYS };
}

/** The log-in limiter and the known-device cookie that lets a past browser skip its delay. */
export function loginGuard() {
	const { loginLimiter, env } = current();
	const secret = env.BETTER_AUTH_SECRET;
	return {
		limiter: loginLimiter,
		isKnownDevice: (cookies: Cookies, email: string) => isKnownDevice(cookies, secret, email),
		rememberDevice: (cookies: Cookies, email: string) =>
			rememberDevice(cookies, secret, email, { secure: env.ORIGIN.startsWith('https:') }),
	};
}

/** Forgot password: reset requests (rate limited) and resets. */
export const passwordResets = () => current().passwordResets;

export const liveEvents = () => current().liveEvents;

/** POST /api/v1/messages: what the use cases take, and the per-key rate limit. */
export function automatedMessagesApi() {
	return { deps: apiDeps(), limiter: current().apiKeyLimiter, log: current().log };
}

export const healthProbes = () => current().health;

/** The inbound-email webhook's bearer secret and where it queues what it accepts. */
export function inboundEmailWebhook() {
	const { env, jobs } = current();
	return { secret: env.INBOUND_EMAIL_SECRET, jobs };
}

/** The payment providers' webhooks: where the secrets are read and the payments queued. */
export function paymentWebhooks() {
	const { db, jobs, payments, log } = current();
	return { db, jobs, payments, log };
}

/** The contact-form endpoint (served by serve.js in production; see forms/form-server.ts). */
export const formServer = () => current().forms();
