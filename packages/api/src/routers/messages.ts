import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { replyBody } from '../domain/message.ts';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure } from '../trpc.ts';
import { listConversation, markMessagesRead, sendReply } from '../use-cases/messages/index.ts';
import { createdAtCursor } from './shared-inputs.ts';

export const messagesRouter = {
	/** Newest page first; `before` walks back in time. Items come oldest → newest for display. */
	list: businessProcedure
		.input(
			z.object({
				customerId: recordId,
				before: createdAtCursor,
				limit: z.number().int().min(1).max(100).default(30),
			}),
		)
		.query(({ ctx, input }) =>
			listConversation(ctx, ctx.actor, { ...input, before: input.before ?? undefined }),
		),

	/** The page calls it once the conversation is on screen (never a side effect of a load). */
	markRead: businessProcedure
		.input(z.object({ customerId: recordId }))
		.mutation(({ ctx, input }) => markMessagesRead(ctx, ctx.actor, input)),

	reply: businessProcedure
		.input(z.object({ customerId: recordId, body: replyBody }))
		.mutation(({ ctx, input }) => sendReply(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
