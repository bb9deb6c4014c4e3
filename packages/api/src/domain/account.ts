import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-policy.ts';
import { singleLineText } from './text-input.ts';

const email = singleLineText('Email', 254)
	.toLowerCase()
	.pipe(z.email('Enter a valid email address'));

export const signupInput = z.object({
	businessName: singleLineText('Business name', 200).min(1, 'Business name is required'),
	email,
	// Not trimmed: a password is exactly what was typed. NUL is harmless here (it is hashed).
	password: z.string({ error: 'Password is required' }).superRefine((v, ctx) => {
		const problem = passwordProblem(v);
		if (problem) ctx.addIssue({ code: 'custom', message: problem });
	}),
	// From the browser (navigator.language, its time zone): hints only, so anything unusable
	// falls back to en / en-US / UTC at signup (signupRegional) rather than refusing the form.
	browserLocale: z.string().max(100).optional().catch(undefined),
	timeZone: z.string().max(100).optional().catch(undefined),
});

/** No policy on log-in: accounts made before the policy keep their shorter passwords. */
export const loginInput = z.object({
	email,
	password: z
		.string({ error: 'Password is required' })
		.min(1, 'Password is required')
		.max(PASSWORD_MAX_LENGTH, 'Wrong email or password.'),
});
