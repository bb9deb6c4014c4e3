import {
	deleteEmailQuarantined,
	findCustomerByEmail,
	type InboundEmailRow,
	insertCustomer,
	insertInboundEmail,
	listEmailQuarantine,
	lockEmailQuarantine,
	markEmailQuarantineReleased,
	touchCustomer,
	updateBusiness,
} from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessProcedure, notFound } from '../trpc.ts';

/** Email from senders nothing ties to a customer, and whether such senders become customers. */
export const inboundEmailRouter = {
	quarantine: businessProcedure.query(({ ctx }) => listEmailQuarantine(ctx.db, ctx.businessId)),

	setAcceptUnknownSenders: businessProcedure
		.input(z.object({ accept: z.boolean() }))
		.mutation(async ({ ctx, input }) => {
			await updateBusiness(ctx.db, ctx.businessId, { acceptUnknownSenders: input.accept });
			return input;
		}),

	/** Spam for good: the held email is deleted; its sender never becomes a customer. */
	discard: businessProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
		if (!(await deleteEmailQuarantined(ctx.db, ctx.businessId, input.id))) {
			throw notFound('Held email');
		}
		return { id: input.id };
	}),

	/** "Not spam": the sender becomes (or is matched to) a customer and the email joins them. */
	release: businessProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) =>
		ctx.db.transaction().execute(async (trx) => {
			const held = await lockEmailQuarantine(trx, ctx.businessId, input.id);
			if (!held) throw notFound('Held email');
			if (held.releasedAt) return { id: held.id, customerId: null };
			const row = held.payload as unknown as InboundEmailRow & { receivedAt: string };
			const customer =
				(await findCustomerByEmail(trx, ctx.businessId, held.senderEmail)) ??
				(await insertCustomer(trx, ctx.businessId, {
					name: held.senderName || held.senderEmail,
					email: held.senderEmail,
				}));
			const ref = { businessId: ctx.businessId, customerId: customer.id };
			await insertInboundEmail(trx, ref, { ...row, receivedAt: new Date(row.receivedAt) });
			await touchCustomer(trx, ctx.businessId, customer.id);
			await markEmailQuarantineReleased(trx, held.id);
			return { id: held.id, customerId: customer.id };
		}),
	),
} satisfies TRPCRouterRecord;
