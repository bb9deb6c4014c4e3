import { findBusiness } from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import type { MailConfig } from '../context.ts';
import { businessDetailsInput, planInput } from '../domain/business.ts';
import { inboundAddress } from '../domain/inbound-email.ts';
import { effectivePlan } from '../domain/plan.ts';
import { businessProcedure, notFound } from '../trpc.ts';
import { requestEmailVerification } from '../use-cases/inbound-email/request-verification.ts';
import { setPlan, updateBusinessDetails } from '../use-cases/settings/index.ts';

async function loadBusiness(ctx: {
	db: Parameters<typeof findBusiness>[0];
	businessId: string;
	mail: MailConfig;
}) {
	const business = await findBusiness(ctx.db, ctx.businessId);
	if (!business) throw notFound('Business');
	return {
		...business,
		effectivePlan: effectivePlan(business, new Date()),
		inboundAddress: inboundAddress(
			business.inboundLocalPart,
			ctx.mail.inboundDomain ?? ctx.mail.domain,
		),
	};
}

export const settingsRouter = {
	get: businessProcedure.query(({ ctx }) => loadBusiness(ctx)),

	update: businessProcedure.input(businessDetailsInput).mutation(async ({ ctx, input }) => {
		await updateBusinessDetails(ctx, ctx.actor, input);
		return loadBusiness(ctx);
	}),

	/** Emails a link that proves the business owns its business email (so mail to it routes). */
	requestEmailVerification: businessProcedure.mutation(({ ctx }) =>
		requestEmailVerification(ctx, { businessId: ctx.businessId, userId: ctx.userId }),
	),

	/** No billing: choosing a plan takes effect at once and ends the trial. */
	setPlan: businessProcedure.input(planInput).mutation(async ({ ctx, input }) => {
		await setPlan(ctx, ctx.actor, input);
		return loadBusiness(ctx);
	}),
} satisfies TRPCRouterRecord;
