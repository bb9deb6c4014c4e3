import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessProcedure } from '../trpc.ts';
import { dismissFailedJob } from '../use-cases/failed-jobs/dismiss.ts';
import { listFailedJobsFor } from '../use-cases/failed-jobs/list.ts';
import { retryFailedJob } from '../use-cases/failed-jobs/retry.ts';

const byId = z.object({ id: z.uuid() });
/** Settings → "Couldn't process": jobs that failed for good, with Retry and Dismiss. */
export const failedJobsRouter = {
	list: businessProcedure.query(({ ctx }) => listFailedJobsFor(ctx, ctx.actor)),
	retry: businessProcedure
		.input(byId)
		.mutation(({ ctx, input }) => retryFailedJob(ctx, ctx.actor, input)),
	dismiss: businessProcedure
		.input(byId)
		.mutation(({ ctx, input }) => dismissFailedJob(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
