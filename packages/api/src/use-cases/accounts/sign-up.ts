import { type Database, deleteBusiness, insertBusiness } from '@rapport/db';
import type { z } from 'zod';
import type { signupInput } from '../../domain/account.ts';
import { signupRegional } from '../../domain/business.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { trialEnd } from '../../domain/plan.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import { systemActor } from '../actor.ts';
import type { UseCaseLog } from '../inbound-email/deps.ts';
import { requestEmailVerification } from '../inbound-email/request-verification.ts';

export const EMAIL_IN_USE_MESSAGE = 'An account with this email already exists. Log in instead.';

/** What a login is made with: the auth library's side of an account (better-auth in the web). */
export interface NewLogin {
	name: string;
	email: string;
	password: string;
	businessId: string;
}

export type CreateLoginResult =
	| { status: 'created' }
	| { status: 'email-taken' }
	/** Refused for another reason the person can act on; `message` is shown next to the email. */
	| { status: 'refused'; message: string };

/**
 * The port to the auth library: the business row is ours, the user, its password hash and the
 * session cookie are the library's. Rejects only on unexpected failures.
 */
export interface AccountLogins {
	createLogin(login: NewLogin): Promise<CreateLoginResult>;
}

export interface SignUpDeps {
	db: Database;
	jobs: JobProducer;
	accounts: AccountLogins;
	/** TRIAL_DAYS: new businesses try the Grow plan this long. */
	trialDays: number;
	log?: UseCaseLog;
}

/**
 * A new business and its first user. The two live in different hands (our row, the auth
 * library's user), so there is no shared transaction: the business is deleted again when its
 * login could not be made, and nothing half-made stays behind.
 */
export async function signUp(
	deps: SignUpDeps,
	input: z.infer<typeof signupInput>,
	now = new Date(),
) {
	const business = await insertBusiness(deps.db, {
		name: input.businessName,
		email: input.email,
		plan: 'grow',
		trialEndsAt: trialEnd(now, deps.trialDays),
		...signupRegional({ language: input.browserLocale, timeZone: input.timeZone }),
	});
	let login: CreateLoginResult;
	try {
		login = await deps.accounts.createLogin({
			name: input.businessName,
			email: input.email,
			password: input.password,
			businessId: business.id,
		});
	} catch (error) {
		await deleteBusiness(deps.db, business.id);
		throw error;
	}
	if (login.status !== 'created') {
		await deleteBusiness(deps.db, business.id);
		const message = login.status === 'email-taken' ? EMAIL_IN_USE_MESSAGE : login.message;
		throw new FieldValidationError({ email: [message] });
	}
	// The signup email is the login; as the business email it starts unverified, and its link
	// is on the way (a failure here only means Settings offers to send it again).
	await requestEmailVerification(deps, systemActor(business.id), now).catch((error: unknown) =>
		deps.log?.warn({ err: (error as Error).message }, 'could not queue the verification email'),
	);
	return { businessId: business.id };
}
