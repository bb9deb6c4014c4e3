import { listFailedEmails, retryFailedEmail } from '@rapport/db';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { recordId } from '../domain/text-input.ts';
import { enqueueEmail } from '../services/outbound-email.ts';
import { businessProcedure } from '../trpc.ts';

/** The business owner's view of the queue: emails that could not be delivered, with Retry. */
export const deliveriesRouter = {
	failed: businessProcedure.query(({ ctx }) => listFailedEmails(ctx.db, ctx.businessId)),

	retry: businessProcedure
		.input(z.object({ messageId: recordId }))
		.mutation(async ({ ctx, input }) => {
			if (!(await retryFailedEmail(ctx.db, ctx.businessId, input.messageId))) {
				throw new TRPCError({ code: 'NOT_FOUND', message: 'No failed email to retry.' });
			}
			await enqueueEmail(ctx, input.messageId, { retry: true });
			return { messageId: input.messageId };
		}),
} satisfies TRPCRouterRecord;
