import { findNote, insertNote, listNotes, setNoteDeleted, updateNoteBody } from '@rapport/db';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { canRestoreNote, noteBody } from '../domain/note.ts';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure, notFound } from '../trpc.ts';
import { customerPageInput, requireCustomer } from './shared-inputs.ts';

const byIdInput = z.object({ id: recordId });

export const notesRouter = {
	list: businessProcedure.input(customerPageInput).query(async ({ ctx, input }) => {
		await requireCustomer(ctx, input.customerId);
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
		.mutation(async ({ ctx, input }) => {
			await requireCustomer(ctx, input.customerId);
			return insertNote(ctx.db, ctx.businessId, { ...input, authorId: ctx.userId });
		}),

	update: businessProcedure
		.input(z.object({ id: recordId, body: noteBody, version: z.number().int().min(1) }))
		.mutation(async ({ ctx, input }) => {
			const saved = await updateNoteBody(
				ctx.db,
				ctx.businessId,
				input.id,
				input.body,
				input.version,
			);
			if (saved) return saved;
			const current = await findNote(ctx.db, ctx.businessId, input.id);
			if (!current) throw notFound('Note');
			if (current.deletedAt) {
				throw new TRPCError({
					code: 'NOT_FOUND',
					message: 'This note was deleted, so it can no longer be edited.',
				});
			}
			// Someone saved in between: never overwrite an edit this user has not seen.
			throw new TRPCError({
				code: 'CONFLICT',
				message:
					'This note was changed elsewhere after you opened it. Copy your text, reload, and edit again.',
			});
		}),

	delete: businessProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
		if (!(await setNoteDeleted(ctx.db, ctx.businessId, input.id, true))) throw notFound('Note');
		return { id: input.id };
	}),

	restore: businessProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
		const note = await findNote(ctx.db, ctx.businessId, input.id);
		if (!note) throw new TRPCError({ code: 'NOT_FOUND', message: 'This note is gone for good.' });
		if (!note.deletedAt) return note;
		if (!canRestoreNote(note.deletedAt, new Date())) {
			throw new TRPCError({
				code: 'NOT_FOUND',
				message: 'Too late to undo: this note is gone for good.',
			});
		}
		await setNoteDeleted(ctx.db, ctx.businessId, input.id, false);
		return (await findNote(ctx.db, ctx.businessId, input.id))!;
	}),
} satisfies TRPCRouterRecord;
