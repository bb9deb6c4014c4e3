import type { Plan } from '@rapport/db';

export const PLANS: readonly Plan[] = ['starter', 'launch', 'grow'];

export const PLAN_LABELS: Record<Plan, string> = {
	starter: 'Starter',
	launch: 'Launch',
	grow: 'Grow',
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function trialEnd(now: Date, trialDays: number): Date {
	return new Date(now.getTime() + trialDays * DAY_MS);
}

/** A trial gives the chosen plan until it ends; afterwards the business falls back to Starter. */
export function effectivePlan(business: { plan: Plan; trialEndsAt: Date | null }, now: Date): Plan {
	if (business.trialEndsAt && business.trialEndsAt.getTime() <= now.getTime()) return 'starter';
	return business.plan;
}

export function planIncludesInvoices(plan: Plan): boolean {
	return plan === 'launch' || plan === 'grow';
}

export const PLAN_REQUIRED_MESSAGE =
	'Invoices are part of the Launch and Grow plans. Upgrade in Settings to create and send invoices.';
