import {
	CUSTOMER_EMAIL_UNIQUE,
	findCustomer,
	insertCustomer,
	isUniqueViolation,
	listCustomers,
	unreadCounts,
	updateCustomer,
} from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { customerInput, customerSearch, DUPLICATE_CUSTOMER_EMAIL } from '../domain/customer.ts';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure, fieldError, notFound } from '../trpc.ts';

const duplicateEmail = () => fieldError({ email: [DUPLICATE_CUSTOMER_EMAIL] }, 'CONFLICT');

export const customersRouter = {
	list: businessProcedure
		.input(
			z.object({
				search: customerSearch.optional(),
				cursor: z.object({ lastActivityAt: z.iso.datetime(), id: z.uuid() }).nullish(),
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

	byId: businessProcedure.input(z.object({ id: recordId })).query(async ({ ctx, input }) => {
		const customer = await findCustomer(ctx.db, ctx.businessId, input.id);
		if (!customer) throw notFound('Customer');
		return customer;
	}),

	create: businessProcedure.input(customerInput).mutation(async ({ ctx, input }) => {
		try {
			return await insertCustomer(ctx.db, ctx.businessId, input);
		} catch (error) {
			if (isUniqueViolation(error, CUSTOMER_EMAIL_UNIQUE)) throw duplicateEmail();
			throw error;
		}
	}),

	update: businessProcedure
		.input(customerInput.extend({ id: recordId }))
		.mutation(async ({ ctx, input: { id, ...values } }) => {
			try {
				const customer = await updateCustomer(ctx.db, ctx.businessId, id, values);
				if (!customer) throw notFound('Customer');
				return customer;
			} catch (error) {
				if (isUniqueViolation(error, CUSTOMER_EMAIL_UNIQUE)) throw duplicateEmail();
				throw error;
			}
		}),
} satisfies TRPCRouterRecord;
