import { FieldValidationError, signupInput } from '@rapport/api/domain';
import { signUp } from '@rapport/api/use-cases';
import { type Actions, fail, redirect } from '@sveltejs/kit';
import { safeNextPath } from '#lib/safe-next.ts';
import { type FormErrors, parseForm, readForm } from '#lib/server/forms.ts';
import { signUpDeps } from '#lib/server/runtime.ts';

export const load = ({ locals, url }) => {
	const next = url.searchParams.get('next');
	if (locals.session) redirect(303, safeNextPath(next));
	return { next: safeNextPath(next, '') || null };
};

export const actions: Actions = {
	default: async ({ request, url }) => {
		const form = await readForm(request);
		const next = String(form.get('next') ?? url.searchParams.get('next') ?? '');
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
		redirect(303, safeNextPath(next));
	},
};
