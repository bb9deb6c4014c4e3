import {
	findBusiness,
	findCustomer,
	insertOutboundEmail,
	latestInbound,
	listMessages,
	markMessagesRead,
	touchCustomer,
} from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { newRfcMessageId } from '../domain/email-identity.ts';
import { replyBody, replySubject } from '../domain/message.ts';
import { recordId } from '../domain/text-input.ts';
import { enqueueEmail } from '../services/outbound-email.ts';
import { businessProcedure, fieldError, notFound } from '../trpc.ts';
import { createdAtCursor, requireCustomer } from './shared-inputs.ts';

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
		.query(async ({ ctx, input }) => {
			await requireCustomer(ctx, input.customerId);
			const page = await listMessages(ctx.db, ctx.businessId, input.customerId, {
				before: input.before ?? undefined,
				limit: input.limit,
			});
			return { items: page.items.reverse(), olderCursor: page.olderCursor };
		}),

	markRead: businessProcedure
		.input(z.object({ customerId: recordId }))
		.mutation(async ({ ctx, input }) => ({
			marked: await markMessagesRead(ctx.db, ctx.businessId, input.customerId),
		})),

	/** Queues an email reply: shown at once as queued, then sent (or failed, with Retry). */
	reply: businessProcedure
		.input(z.object({ customerId: recordId, body: replyBody }))
		.mutation(async ({ ctx, input }) => {
			const [customer, business] = await Promise.all([
				findCustomer(ctx.db, ctx.businessId, input.customerId),
				findBusiness(ctx.db, ctx.businessId),
			]);
			if (!customer || !business) throw notFound('Customer');
			if (!customer.email)
				throw fieldError({ body: ['This customer has no email address yet. Add one to reply.'] });
			const answered = await latestInbound(ctx.db, ctx.businessId, customer.id);
			const message = await insertOutboundEmail(ctx.db, ctx.businessId, {
				customerId: customer.id,
				recipient: customer.email,
				subject: replySubject(answered?.subject, business.name),
				body: input.body,
				rfcMessageId: newRfcMessageId(ctx.mail.domain),
				inReplyTo: answered?.rfcMessageId ?? null,
				invoiceId: null,
			});
			await touchCustomer(ctx.db, ctx.businessId, customer.id);
			await enqueueEmail(ctx, message.id);
			return message;
		}),
} satisfies TRPCRouterRecord;
