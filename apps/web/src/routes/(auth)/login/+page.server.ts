import { loginInput } from '@rapport/api/domain';
import { type Actions, fail, redirect } from '@sveltejs/kit';
import { APIError } from 'better-auth/api';
import { safeNextPath } from '#lib/safe-next.ts';
import { type FormErrors, parseForm, readForm } from '#lib/server/forms.ts';
import type { LoginRefusal } from '#lib/server/login-limiter.ts';
import { auth, loginGuard } from '#lib/server/runtime.ts';

export const load = ({ locals, url }) => {
	const next = url.searchParams.get('next');
	if (locals.session) redirect(303, safeNextPath(next));
	return {
		// Kept through a failed attempt (a hidden field) and passed on to sign-up.
		next: safeNextPath(next, '') || null,
		passwordChanged: url.searchParams.get('reset') === 'done',
	};
};

function waitMessage({ scope, waitSeconds }: LoginRefusal): string {
	if (scope === 'account') {
		const s = waitSeconds === 1 ? '' : 's';
		return `Too many attempts for this account. Try again in ${waitSeconds} second${s}.`;
	}
	const minutes = Math.ceil(waitSeconds / 60);
	return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

export const actions: Actions = {
	default: async ({ request, url, getClientAddress, cookies, setHeaders }) => {
		const form = await readForm(request);
		const next = String(form.get('next') ?? url.searchParams.get('next') ?? '');
		const values = { email: String(form.get('email') ?? '') };
		const { data, errors } = parseForm(loginInput, form);
		if (!data) return fail(400, { values, errors });

		const ip = getClientAddress();
		const guard = loginGuard();
		const knownDevice = guard.isKnownDevice(cookies, data.email);
		const refusal = await guard.limiter.check(data.email, ip, { knownDevice });
		if (refusal) {
			setHeaders({ 'retry-after': String(refusal.waitSeconds) });
			return fail(429, {
				values,
				errors: { password: [waitMessage(refusal)] } as FormErrors,
			});
		}
		try {
			await auth().api.signInEmail({
				body: { email: data.email, password: data.password },
				headers: request.headers,
			});
		} catch (error) {
			if (error instanceof APIError) {
				await guard.limiter.failed(data.email);
				return fail(400, {
					values,
					errors: { password: ['Wrong email or password.'] } as FormErrors,
				});
			}
			throw error;
		}
		await guard.limiter.succeeded(data.email, ip);
		guard.rememberDevice(cookies, data.email);
		redirect(303, safeNextPath(next));
	},
};
