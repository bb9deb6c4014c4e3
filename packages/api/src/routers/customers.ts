import { listCustomers, unreadCounts } from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { customerInput, customerSearch } from '../domain/customer.ts';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure } from '../trpc.ts';
import {
	createCustomer,
	findMergedCustomer,
	mergeCustomer,
	previewCustomerMerge,
	requireCustomer,
	updateCustomer,
} from '../use-cases/customers/index.ts';

const mergeInput = z.object({ id: recordId, intoId: recordId });

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

	mergePreview: businessProcedure
		.input(mergeInput)
		.query(({ ctx, input }) => previewCustomerMerge(ctx, ctx.actor, input)),

	merge: businessProcedure
		.input(mergeInput)
		.mutation(({ ctx, input }) => mergeCustomer(ctx, ctx.actor, input)),

	/** Where a merged-away customer's id leads (old links redirect there); null if never merged. */
	mergedInto: businessProcedure
		.input(z.object({ id: recordId }))
		.query(({ ctx, input }) => findMergedCustomer(ctx, ctx.actor, input.id)),
} satisfies TRPCRouterRecord;
