import { findCustomer } from '@rapport/db';
import { z } from 'zod';
import type { Context } from '../context.ts';
import { recordId } from '../domain/text-input.ts';
import { notFound } from '../trpc.ts';

/** The last row of the previous page of a list ordered by (created_at desc, id desc). */
export const createdAtCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() }).nullish();

/** One page of a customer's tab (notes, invoices). */
export const customerPageInput = z.object({
	customerId: recordId,
	cursor: createdAtCursor,
	limit: z.number().int().min(1).max(100).default(20),
});

/** Every tab starts from a customer of the signed-in business; anything else is "not found". */
export async function requireCustomer(
	ctx: { db: Context['db']; businessId: string },
	customerId: string,
) {
	const customer = await findCustomer(ctx.db, ctx.businessId, customerId);
	if (!customer) throw notFound('Customer');
	return customer;
}
