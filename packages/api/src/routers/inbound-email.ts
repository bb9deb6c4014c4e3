import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessProcedure } from '../trpc.ts';
import { discardHeldEmail } from '../use-cases/inbound-email/discard.ts';
import { listHeldEmails } from '../use-cases/inbound-email/list-held.ts';
import { releaseHeldEmail } from '../use-cases/inbound-email/release.ts';
import { setAcceptUnknownSenders } from '../use-cases/inbound-email/set-accept-unknown-senders.ts';

/** Held inbound email (with why it is held), and whether unknown senders become customers. */
export const inboundEmailRouter = {
	quarantine: businessProcedure.query(({ ctx }) => listHeldEmails(ctx, ctx.actor)),

	setAcceptUnknownSenders: businessProcedure
		.input(z.object({ accept: z.boolean() }))
		.mutation(({ ctx, input }) => setAcceptUnknownSenders(ctx, ctx.actor, input)),

	discard: businessProcedure
		.input(z.object({ id: z.uuid() }))
		.mutation(({ ctx, input }) => discardHeldEmail(ctx, ctx.actor, input)),

	release: businessProcedure
		.input(z.object({ id: z.uuid() }))
		.mutation(({ ctx, input }) => releaseHeldEmail(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
