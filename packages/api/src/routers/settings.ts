import { findBusiness, updateBusiness } from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { businessDetailsInput, planInput } from '../domain/business.ts';
import { effectivePlan } from '../domain/plan.ts';
import { businessProcedure, notFound } from '../trpc.ts';

async function loadBusiness(ctx: { db: Parameters<typeof findBusiness>[0]; businessId: string }) {
	const business = await findBusiness(ctx.db, ctx.businessId);
	if (!business) throw notFound('Business');
	return { ...business, effectivePlan: effectivePlan(business, new Date()) };
}

export const settingsRouter = {
	get: businessProcedure.query(({ ctx }) => loadBusiness(ctx)),

	update: businessProcedure.input(businessDetailsInput).mutation(async ({ ctx, input }) => {
		await updateBusiness(ctx.db, ctx.businessId, input);
		return loadBusiness(ctx);
	}),

	/** No billing: choosing a plan takes effect at once and ends the trial. */
	setPlan: businessProcedure.input(planInput).mutation(async ({ ctx, input }) => {
		await updateBusiness(ctx.db, ctx.businessId, { plan: input.plan, trialEndsAt: null });
		return loadBusiness(ctx);
	}),
} satisfies TRPCRouterRecord;
