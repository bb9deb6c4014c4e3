import {
	PASSWORD_MIN_CHARACTERS,
	PASSWORD_RESET_INVALID_MESSAGE,
	resetPasswordInput,
} from '@rapport/api/domain';
import { isPasswordResetUsable } from '@rapport/api/use-cases';
import { type Actions, fail, redirect } from '@sveltejs/kit';
import { parseForm, readForm } from '#lib/server/forms.ts';
import { apiDeps, passwordResets } from '#lib/server/runtime.ts';

// Works signed in or not: the token in the link is the proof. Checked on arrival so nobody types
// a new password into a link that no longer works; the reset itself checks again.
export const load = async ({ url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	const token = url.searchParams.get('token') ?? '';
	const usable = token !== '' && (await isPasswordResetUsable(apiDeps(), token));
	const minLength = PASSWORD_MIN_CHARACTERS;
	return usable
		? { token, invalid: null, minLength }
		: { token: null, invalid: PASSWORD_RESET_INVALID_MESSAGE, minLength };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const form = await readForm(request);
		const { data, errors } = parseForm(resetPasswordInput, form);
		if (!data) return fail(400, { errors });
		const outcome = await passwordResets().reset(data.token, data.newPassword);
		if (outcome === 'invalid') return fail(400, { invalid: PASSWORD_RESET_INVALID_MESSAGE });
		redirect(303, '/login?reset=done');
	},
};
