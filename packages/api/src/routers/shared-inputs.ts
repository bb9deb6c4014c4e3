import { z } from 'zod';
import type { Context } from '../context.ts';
import { recordId } from '../domain/text-input.ts';
import type { Actor } from '../use-cases/actor.ts';
import { requireCustomer as requireCustomerOf } from '../use-cases/customers/require.ts';

/** The last row of the previous page of a list ordered by (created_at desc, id desc). */
export const createdAtCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() }).nullish();

/** One page of a customer's tab (notes, invoices). */
export const customerPageInput = z.object({
	customerId: recordId,
	cursor: createdAtCursor,
	limit: z.number().int().min(1).max(100).default(20),
});

/**
 * Every tab starts from a customer of the signed-in business; anything else is "not found".
 * The check is a use case (notes, invoices and replies start with it): this keeps the routers'
 * call short.
 */
export const requireCustomer = (ctx: { db: Context['db']; actor: Actor }, customerId: string) =>
	requireCustomerOf(ctx, ctx.actor, customerId);
