import { FieldValidationError, signupInput } from '@rapport/api/domain';
import { signUp } from '@rapport/api/use-cases';
import { type Actions, fail, redirect } from '@sveltejs/kit';
import { type FormErrors, parseForm, readForm } from '#lib/server/forms.ts';
import { signUpDeps } from '#lib/server/runtime.ts';

export const load = ({ locals }) => {
	if (locals.session) redirect(303, '/customers');
};

export const actions: Actions = {
	default: async ({ request }) => {
		const form = await readForm(request);
		const values = {
			businessName: String(form.get('businessName') ?? ''),
			email: String(form.get('email') ?? ''),
		};
		const { data, errors } = parseForm(signupInput, form);
		if (!data) return fail(400, { values, errors });
		try {
			await signUp(signUpDeps(), data);
		} catch (error) {
			if (error instanceof FieldValidationError) {
				return fail(400, { values, errors: error.fieldErrors as FormErrors });
			}
			throw error;
		}
		redirect(303, '/customers');
	},
};
