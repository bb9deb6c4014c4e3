import { forgotPasswordInput, PASSWORD_RESET_SENT_MESSAGE } from '@rapport/api/domain';
import { type Actions, fail } from '@sveltejs/kit';
import { type FormErrors, parseForm, readForm } from '#lib/server/forms.ts';
import { passwordResets } from '#lib/server/runtime.ts';

export const actions: Actions = {
	default: async ({ request, getClientAddress, setHeaders }) => {
		const form = await readForm(request);
		const values = { email: String(form.get('email') ?? '') };
		const { data, errors } = parseForm(forgotPasswordInput, form);
		if (!data) return fail(400, { values, errors });

		const outcome = await passwordResets().request(data.email, getClientAddress());
		if (outcome.status === 'limited') {
			const minutes = Math.ceil(outcome.waitSeconds / 60);
			setHeaders({ 'retry-after': String(outcome.waitSeconds) });
			return fail(429, {
				values,
				errors: {
					email: [
						`Too many reset links were asked for. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
					],
				} as FormErrors,
			});
		}
		// The same answer whether or not the address has an account.
		return { sent: true, message: PASSWORD_RESET_SENT_MESSAGE };
	},
};
