import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context.ts';
import { businessProcedure } from '../trpc.ts';
import type { Actor } from '../use-cases/actor.ts';
import {
	connectStripe,
	disconnectStripe,
	viewPaymentConnection,
} from '../use-cases/payments/connection.ts';

// A pasted secret is short; anything longer is not one (the use case names the mistake).
const pasted = z.string().max(500, 'That is too long to be a Stripe secret');

export const connectStripeInput = z.object({ secretKey: pasted, webhookSecret: pasted });

// The web app always provides both; a context without them is a wiring mistake, not user error.
function paymentsOf(ctx: Context) {
	if (!ctx.payments) throw new Error('The API context has no payments configuration');
	return ctx.payments;
}

function view(ctx: Context & { actor: Actor }) {
	if (!ctx.origin) throw new Error('The API context has no origin');
	return viewPaymentConnection(
		{ db: ctx.db, origin: ctx.origin, payments: paymentsOf(ctx) },
		ctx.actor,
	);
}

/** Settings → Payments: connect Stripe by pasting its secrets, see the webhook URL, disconnect. */
export const paymentSettingsRouter = {
	view: businessProcedure.query(({ ctx }) => view(ctx)),

	connectStripe: businessProcedure.input(connectStripeInput).mutation(async ({ ctx, input }) => {
		await connectStripe({ db: ctx.db, payments: paymentsOf(ctx) }, ctx.actor, input);
		return view(ctx);
	}),

	disconnect: businessProcedure.mutation(async ({ ctx }) => {
		await disconnectStripe(ctx, ctx.actor);
		return view(ctx);
	}),
} satisfies TRPCRouterRecord;
