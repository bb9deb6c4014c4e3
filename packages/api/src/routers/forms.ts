import { listQuarantine } from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { recordId } from '../domain/text-input.ts';
import { formSubmissionJob } from '../jobs/form-submission.ts';
import { businessProcedure } from '../trpc.ts';
import {
	discardHeldSubmission,
	releaseHeldSubmission,
	rotateFormKey,
} from '../use-cases/forms/index.ts';
import { createdAtCursor } from './shared-inputs.ts';

/** What the Quarantine list shows of a held submission: who, what, and why it was held. */
function summarize(payload: unknown) {
	const parsed = formSubmissionJob.safeParse(payload);
	if (!parsed.success) return { name: null, email: null, message: null, fields: [] };
	const { name, email, message, fields } = parsed.data;
	return { name, email, message, fields };
}

/** The contact form's settings: its key, and the submissions held back as spam. */
export const formsRouter = {
	quarantine: {
		list: businessProcedure
			.input(
				z.object({
					cursor: createdAtCursor,
					limit: z.number().int().min(1).max(100).default(20),
				}),
			)
			.query(async ({ ctx, input }) => {
				const page = await listQuarantine(ctx.db, ctx.businessId, {
					cursor: input.cursor ?? undefined,
					limit: input.limit,
				});
				return {
					nextCursor: page.nextCursor,
					items: page.items.map(({ payload, ...row }) => ({ ...row, ...summarize(payload) })),
				};
			}),
	},

	/** "Not spam": queued for normal ingestion, spam checks skipped. */
	release: businessProcedure
		.input(z.object({ id: recordId }))
		.mutation(({ ctx, input }) => releaseHeldSubmission(ctx, ctx.actor, input)),

	/** Spam for good: the held submission is deleted; it never creates a customer. */
	discard: businessProcedure
		.input(z.object({ id: recordId }))
		.mutation(({ ctx, input }) => discardHeldSubmission(ctx, ctx.actor, input)),

	/** A new form key; forms still posting to the old one get 404 from now on. */
	rotateKey: businessProcedure.mutation(({ ctx }) => rotateFormKey(ctx, ctx.actor)),
} satisfies TRPCRouterRecord;
