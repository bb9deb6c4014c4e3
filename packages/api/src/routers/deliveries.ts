import { listFailedEmails } from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure } from '../trpc.ts';
import { retryEmail } from '../use-cases/outbound-email/index.ts';

/** The business owner's view of the queue: emails that could not be delivered, with Retry. */
export const deliveriesRouter = {
	failed: businessProcedure.query(({ ctx }) => listFailedEmails(ctx.db, ctx.businessId)),

	retry: businessProcedure
		.input(z.object({ messageId: recordId }))
		.mutation(({ ctx, input }) => retryEmail(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
