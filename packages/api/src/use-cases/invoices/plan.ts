import { type Executor, findBusiness } from '@rapport/db';
import { ForbiddenByPlanError, NotFoundError } from '../../domain/errors.ts';
import { effectivePlan, PLAN_REQUIRED_MESSAGE, planIncludesInvoices } from '../../domain/plan.ts';
import type { Actor } from '../actor.ts';

/** Every invoice write is refused on the Starter plan (reading stays possible), whoever calls. */
export async function requireInvoicePlan(db: Executor, actor: Actor, now = new Date()) {
	const business = await findBusiness(db, actor.businessId);
	if (!business) throw new NotFoundError('Business');
	if (!planIncludesInvoices(effectivePlan(business, now))) {
		throw new ForbiddenByPlanError(PLAN_REQUIRED_MESSAGE);
	}
}
