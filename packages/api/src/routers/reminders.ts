import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { REMINDER_MESSAGE_MAX, REMINDER_SUBJECT_MAX } from '../domain/reminder-email.ts';
import { multiLineText, recordId, singleLineText } from '../domain/text-input.ts';
import { businessProcedure } from '../trpc.ts';
import {
	changeReminderSettings,
	reminderStatus,
	sendReminderNow,
	setRemindersPaused,
	viewReminderSettings,
} from '../use-cases/reminders/index.ts';

const byInvoice = z.object({ invoiceId: recordId });

// Empty subject or message: the default words. Range and duplicates are field errors from changeReminderSettings (reminderStepErrors).
const stepInput = z.object({
	offsetDays: z.number({ error: 'Enter a number of days' }).int('Enter a whole number of days'),
	subject: singleLineText('The subject', REMINDER_SUBJECT_MAX).optional(),
	message: multiLineText('The message', REMINDER_MESSAGE_MAX).optional(),
});

export const remindersRouter = {
	settings: businessProcedure.query(({ ctx }) => viewReminderSettings(ctx, ctx.actor)),

	updateSettings: businessProcedure
		.input(
			z.object({
				enabled: z.boolean(),
				hour: z.number().int().min(0, 'Choose an hour').max(23, 'Choose an hour'),
				steps: z.array(stepInput).max(20),
			}),
		)
		.mutation(({ ctx, input }) =>
			changeReminderSettings(ctx, ctx.actor, {
				...input,
				steps: input.steps.map((s) => ({
					offsetDays: s.offsetDays,
					subject: s.subject ?? null,
					message: s.message ?? null,
				})),
			}),
		),

	/** When the invoice's next reminder goes out, or why none will. */
	status: businessProcedure
		.input(byInvoice)
		.query(({ ctx, input }) => reminderStatus(ctx, ctx.actor, input)),

	pause: businessProcedure.input(byInvoice).mutation(async ({ ctx, input }) => {
		await setRemindersPaused(ctx, ctx.actor, { ...input, paused: true });
		return reminderStatus(ctx, ctx.actor, input);
	}),

	resume: businessProcedure.input(byInvoice).mutation(async ({ ctx, input }) => {
		await setRemindersPaused(ctx, ctx.actor, { ...input, paused: false });
		return reminderStatus(ctx, ctx.actor, input);
	}),

	sendNow: businessProcedure
		.input(byInvoice)
		.mutation(({ ctx, input }) => sendReminderNow(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
