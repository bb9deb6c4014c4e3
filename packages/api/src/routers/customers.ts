import { listCustomers, unreadCounts } from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { customerInput, customerSearch } from '../domain/customer.ts';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure } from '../trpc.ts';
import { createCustomer, requireCustomer, updateCustomer } from '../use-cases/customers/index.ts';

export const customersRouter = {
	list: businessProcedure
		.input(
			z.object({
				search: customerSearch.optional(),
				// rank: where a search's last page ended (exact, starts with, contains).
				cursor: z
					.object({
						lastActivityAt: z.iso.datetime(),
						id: z.uuid(),
						rank: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
					})
					.nullish(),
				limit: z.number().int().min(1).max(100).default(25),
			}),
		)
		.query(async ({ ctx, input }) => {
			const page = await listCustomers(ctx.db, ctx.businessId, {
				search: input.search,
				cursor: input.cursor ?? undefined,
				limit: input.limit,
			});
			const unread = await unreadCounts(
				ctx.db,
				ctx.businessId,
				page.items.map((c) => c.id),
			);
			return { ...page, items: page.items.map((c) => ({ ...c, unread: unread.get(c.id) ?? 0 })) };
		}),

	byId: businessProcedure
		.input(z.object({ id: recordId }))
		.query(({ ctx, input }) => requireCustomer(ctx, ctx.actor, input.id)),

	create: businessProcedure
		.input(customerInput)
		.mutation(({ ctx, input }) => createCustomer(ctx, ctx.actor, input)),

	update: businessProcedure
		.input(customerInput.extend({ id: recordId }))
		.mutation(({ ctx, input }) => updateCustomer(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
