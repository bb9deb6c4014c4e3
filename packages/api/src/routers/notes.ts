import { findNote, listNotes } from '@rapport/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { noteBody } from '../domain/note.ts';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure, notFound } from '../trpc.ts';
import { requireCustomer } from '../use-cases/customers/index.ts';
import { createNote, deleteNote, restoreNote, updateNote } from '../use-cases/notes/index.ts';
import { customerPageInput } from './shared-inputs.ts';

const byIdInput = z.object({ id: recordId });

export const notesRouter = {
	list: businessProcedure.input(customerPageInput).query(async ({ ctx, input }) => {
		await requireCustomer(ctx, ctx.actor, input.customerId);
		return listNotes(ctx.db, ctx.businessId, input.customerId, {
			cursor: input.cursor ?? undefined,
			limit: input.limit,
		});
	}),

	byId: businessProcedure.input(byIdInput).query(async ({ ctx, input }) => {
		const note = await findNote(ctx.db, ctx.businessId, input.id);
		if (!note || note.deletedAt) throw notFound('Note');
		return note;
	}),

	create: businessProcedure
		.input(z.object({ customerId: recordId, body: noteBody }))
		.mutation(({ ctx, input }) => createNote(ctx, ctx.actor, input)),

	update: businessProcedure
		.input(z.object({ id: recordId, body: noteBody, version: z.number().int().min(1) }))
		.mutation(({ ctx, input }) => updateNote(ctx, ctx.actor, input)),

	delete: businessProcedure
		.input(byIdInput)
		.mutation(({ ctx, input }) => deleteNote(ctx, ctx.actor, input)),

	restore: businessProcedure
		.input(byIdInput)
		.mutation(({ ctx, input }) => restoreNote(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
