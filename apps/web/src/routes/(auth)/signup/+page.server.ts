import { signupInput, trialEnd } from '@rapport/api/domain';
import { requestEmailVerification, systemActor } from '@rapport/api/use-cases';
import { deleteBusiness, insertBusiness } from '@rapport/db';
import { type Actions, fail, redirect } from '@sveltejs/kit';
import { APIError } from 'better-auth/api';
import { type FormErrors, parseForm, readForm } from '#lib/server/forms.ts';

export const load = ({ locals }) => {
	if (locals.session) redirect(303, '/customers');
};

export const actions: Actions = {
	default: async ({ request, locals: { deps } }) => {
		const form = await readForm(request);
		const values = {
			businessName: String(form.get('businessName') ?? ''),
			email: String(form.get('email') ?? ''),
		};
		const { data, errors } = parseForm(signupInput, form);
		if (!data) return fail(400, { values, errors });

		const business = await insertBusiness(deps.db, {
			name: data.businessName,
			email: data.email,
			plan: 'grow',
			trialEndsAt: trialEnd(new Date(), deps.env.TRIAL_DAYS),
		});
		try {
			await deps.auth.api.signUpEmail({
				body: {
					name: data.businessName,
					email: data.email,
					password: data.password,
					businessId: business.id,
				},
				headers: request.headers,
			});
		} catch (error) {
			// Nothing half-made: the business goes if its first user could not be created.
			await deleteBusiness(deps.db, business.id);
			if (error instanceof APIError) {
				const taken =
					error.body?.code === 'USER_ALREADY_EXISTS' || error.status === 'UNPROCESSABLE_ENTITY';
				const message = taken
					? 'An account with this email already exists. Log in instead.'
					: error.message;
				return fail(400, { values, errors: { email: [message] } as FormErrors });
			}
			throw error;
		}
		// The signup email is the login; as the business email it starts unverified, and its
		// link is on the way (a failure here only means Settings offers to send it again).
		await requestEmailVerification(deps, systemActor(business.id)).catch((error: unknown) =>
			deps.log.warn({ err: (error as Error).message }, 'could not queue the verification email'),
		);
		redirect(303, '/customers');
	},
};
