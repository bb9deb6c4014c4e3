import { loginInput } from '@rapport/api/domain';
import { type Actions, fail, redirect } from '@sveltejs/kit';
import { APIError } from 'better-auth/api';
import { type FormErrors, parseForm } from '#lib/server/forms.ts';

export const load = ({ locals }) => {
	if (locals.session) redirect(303, '/customers');
};

export const actions: Actions = {
	default: async ({ request, getClientAddress, locals: { deps } }) => {
		const form = await request.formData();
		const values = { email: String(form.get('email') ?? '') };
		const { data, errors } = parseForm(loginInput, form);
		if (!data) return fail(400, { values, errors });

		const ip = getClientAddress();
		const waitSeconds = await deps.loginLimiter.consume(data.email, ip);
		if (waitSeconds !== null) {
			const minutes = Math.ceil(waitSeconds / 60);
			return fail(429, {
				values,
				errors: {
					password: [
						`Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
					],
				} as FormErrors,
			});
		}
		try {
			await deps.auth.api.signInEmail({
				body: { email: data.email, password: data.password },
				headers: request.headers,
			});
		} catch (error) {
			if (error instanceof APIError) {
				return fail(400, {
					values,
					errors: { password: ['Wrong email or password.'] } as FormErrors,
				});
			}
			throw error;
		}
		await deps.loginLimiter.reset(data.email, ip);
		redirect(303, '/customers');
	},
};
