import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { columnMapping, ON_EXISTING } from '../domain/customer-import.ts';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure } from '../trpc.ts';
import {
	listRecentCustomerImports,
	requeueCustomerImport,
	startCustomerImport,
	viewCustomerImport,
} from '../use-cases/customer-imports/index.ts';

// The file itself is uploaded by the web app's form action (multipart); the rest is here.
export const customerImportsRouter = {
	list: businessProcedure.query(({ ctx }) => listRecentCustomerImports(ctx, ctx.actor)),

	byId: businessProcedure
		.input(z.object({ id: recordId }))
		.query(({ ctx, input }) => viewCustomerImport(ctx, ctx.actor, input)),

	start: businessProcedure
		.input(
			z.object({
				id: recordId,
				mapping: columnMapping,
				onExisting: z.enum(ON_EXISTING, { error: 'Choose what happens to existing emails' }),
				hasHeader: z.boolean(),
			}),
		)
		.mutation(({ ctx, input }) => startCustomerImport(ctx, ctx.actor, input)),

	requeue: businessProcedure
		.input(z.object({ id: recordId }))
		.mutation(({ ctx, input }) => requeueCustomerImport(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
