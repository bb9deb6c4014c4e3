import { randomUUID } from 'node:crypto';
import { findBusiness } from '@rapport/db';
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { useHarness } from '../../testing/harness.ts';
import { type AccountLogins, type NewLogin, signUp } from './sign-up.ts';

const { db, redis, jobs, prefix } = useHarness();

/** Stands in for better-auth: remembers what it was asked to create, answers as told. */
function logins(answer: Awaited<ReturnType<AccountLogins['createLogin']>> | Error) {
	const made: NewLogin[] = [];
	const accounts: AccountLogins = {
		createLogin: async (login) => {
			made.push(login);
			if (answer instanceof Error) throw answer;
			return answer;
		},
	};
	return { made, accounts };
}

const input = () => ({
	businessName: 'Plumb & Co',
	email: `owner-${randomUUID().slice(0, 8)}@example.test`,
	password: 'tulip-vase-42',
});

describe('signUp', () => {
	it('creates the business on a trial, its login in that business, and queues the verification', async () => {
		const { made, accounts } = logins({ status: 'created' });
		const now = new Date('2026-12-01T10:00:00Z');
		const values = input();
		const { businessId } = await signUp({ db, jobs, accounts, trialDays: 14 }, values, now);

		const business = await findBusiness(db, businessId);
		expect(business).toMatchObject({ name: 'Plumb & Co', email: values.email, plan: 'grow' });
		expect(business?.trialEndsAt?.toISOString()).toBe('2026-12-15T10:00:00.000Z');
		expect(made).toEqual([
			{ name: 'Plumb & Co', email: values.email, password: values.password, businessId },
		]);

		const email = new Queue('email', { connection: redis, prefix });
		const queued = await email.getJobs(['waiting', 'delayed']);
		expect(queued.map((j) => j.name)).toContain('send-account-email');
		await email.close();
	});

	it('starts in the browser’s language, locale and time zone', async () => {
		const { accounts } = logins({ status: 'created' });
		const { businessId } = await signUp(
			{ db, jobs, accounts, trialDays: 14 },
			{ ...input(), browserLocale: 'fr-fr', timeZone: 'Europe/Paris' },
		);
		expect(await findBusiness(db, businessId)).toMatchObject({
			language: 'fr',
			locale: 'fr-FR',
			timeZone: 'Europe/Paris',
		});
	});

	it('unusable or missing browser hints fall back to en / en-US / UTC', async () => {
		const { accounts } = logins({ status: 'created' });
		const deps = { db, jobs, accounts, trialDays: 14 };
		const bad = await signUp(deps, {
			...input(),
			browserLocale: 'not a locale',
			timeZone: 'Mars/Base',
		});
		const none = await signUp(deps, input());
		// A locale whose language has no translation keeps its formats, with English documents.
		const japanese = await signUp(deps, { ...input(), browserLocale: 'ja-JP', timeZone: '+09:00' });
		const fallback = { language: 'en', locale: 'en-US', timeZone: 'UTC' };
		expect(await findBusiness(db, bad.businessId)).toMatchObject(fallback);
		expect(await findBusiness(db, none.businessId)).toMatchObject(fallback);
		expect(await findBusiness(db, japanese.businessId)).toMatchObject({
			...fallback,
			locale: 'ja-JP',
		});
	});

	it('an email that already has a login: a field error, and no business is left behind', async () => {
		const { made, accounts } = logins({ status: 'email-taken' });
		const error = await signUp({ db, jobs, accounts, trialDays: 14 }, input()).catch((e) => e);
		expect(error).toBeInstanceOf(FieldValidationError);
		expect(error.fieldErrors).toEqual({ email: [expect.stringMatching(/already exists/)] });
		expect(await findBusiness(db, made[0]!.businessId)).toBeUndefined();
	});

	it('an unexpected failure of the auth library also takes the business away, and is rethrown', async () => {
		const { made, accounts } = logins(new Error('auth store down'));
		await expect(signUp({ db, jobs, accounts, trialDays: 14 }, input())).rejects.toThrow(
			'auth store down',
		);
		expect(await findBusiness(db, made[0]!.businessId)).toBeUndefined();
	});
});
