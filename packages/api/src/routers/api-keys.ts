import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { apiKeyNameInput } from '../domain/api-key.ts';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure } from '../trpc.ts';
import {
	createApiKey,
	listBusinessApiKeys,
	revokeBusinessApiKey,
} from '../use-cases/api-keys/index.ts';

/** Settings → API keys: the automated messages API's keys (SPEC §5.3). */
export const apiKeysRouter = {
	list: businessProcedure.query(({ ctx }) => listBusinessApiKeys(ctx, ctx.actor)),

	/** The answer carries the key itself, the only time it is ever shown. */
	create: businessProcedure
		.input(apiKeyNameInput)
		.mutation(({ ctx, input }) => createApiKey(ctx, ctx.actor, input)),

	revoke: businessProcedure
		.input(z.object({ id: recordId }))
		.mutation(({ ctx, input }) => revokeBusinessApiKey(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
