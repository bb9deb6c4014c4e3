import { type Database, type Plan, updateBusiness } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/** No billing: choosing a plan takes effect at once and ends the trial. */
export async function setPlan(deps: { db: Database }, actor: Actor, input: { plan: Plan }) {
	const business = await updateBusiness(deps.db, actor.businessId, {
		plan: input.plan,
		trialEndsAt: null,
	});
	if (!business) throw new NotFoundError('Business');
	return business;
}
