import {
	deleteQuarantined,
	listQuarantine,
	lockQuarantined,
	markQuarantineReleased,
	rotateFormKey,
} from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { recordId } from '../domain/text-input.ts';
import {
	FORM_SUBMISSION_ATTEMPTS,
	type FormSubmissionJob,
	formSubmissionJob,
	formSubmissionJobId,
} from '../jobs/form-submission.ts';
import { businessProcedure, notFound } from '../trpc.ts';
import { createdAtCursor } from './shared-inputs.ts';

/** What the Quarantine list shows of a held submission: who, what, and why it was held. */
function summarize(payload: unknown) {
	const parsed = formSubmissionJob.safeParse(payload);
	if (!parsed.success) return { name: null, email: null, message: null, fields: {} };
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

	/**
	 * "Not spam": queues the submission for normal ingestion (spam checks skipped), then marks it
	 * released, under a row lock. If marking fails after queueing, a second click queues the same
	 * job id again and ingestion stores the message once (source id).
	 */
	release: businessProcedure.input(z.object({ id: recordId })).mutation(({ ctx, input }) =>
		ctx.db.transaction().execute(async (trx) => {
			const held = await lockQuarantined(trx, ctx.businessId, input.id);
			if (!held) throw notFound('Held submission');
			if (held.releasedAt) return { id: held.id };
			const payload: FormSubmissionJob = {
				...formSubmissionJob.parse(held.payload),
				released: true,
			};
			await ctx.jobs.enqueue('ingest-form-submission', payload, {
				jobId: formSubmissionJobId(payload.submissionId, true),
				attempts: FORM_SUBMISSION_ATTEMPTS,
			});
			await markQuarantineReleased(trx, ctx.businessId, held.id);
			return { id: held.id };
		}),
	),

	/** Spam for good: the held submission is deleted; it never creates a customer. */
	discard: businessProcedure.input(z.object({ id: recordId })).mutation(async ({ ctx, input }) => {
		if (!(await deleteQuarantined(ctx.db, ctx.businessId, input.id))) {
			throw notFound('Held submission');
		}
		return { id: input.id };
	}),

	/** A new form key; forms still posting to the old one get 404 from now on. */
	rotateKey: businessProcedure.mutation(async ({ ctx }) => {
		const formKey = await rotateFormKey(ctx.db, ctx.businessId);
		if (!formKey) throw notFound('Business');
		// Web processes cache keys; without the announcement the old key lives to cache expiry.
		await ctx.events?.formKeyRotated(ctx.businessId).catch(() => {});
		return { formKey };
	}),
} satisfies TRPCRouterRecord;
