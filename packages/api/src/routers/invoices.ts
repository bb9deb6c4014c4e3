import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { invoiceInput } from '../domain/invoice.ts';
import { invoiceEmailInput } from '../domain/invoice-email.ts';
import { invoiceOverviewFilters } from '../domain/invoice-overview.ts';
import { PAYMENT_METHODS } from '../domain/payment.ts';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure } from '../trpc.ts';
import {
	createInvoice,
	deleteDraftInvoice,
	invoiceEmailDefaultsFor,
	issueInvoice,
	listBusinessInvoices,
	listCustomerInvoices,
	markInvoicePaid,
	sendInvoice,
	sendInvoiceAgain,
	suggestInvoiceNumber,
	updateDraftInvoice,
	viewInvoice,
	voidInvoice,
} from '../use-cases/invoices/index.ts';
import { createdAtCursor, customerPageInput } from './shared-inputs.ts';

const byIdInput = z.object({ id: recordId });

/** Every write answers with the invoice as it is now, as `byId` shows it. */
export const invoicesRouter = {
	list: businessProcedure
		.input(customerPageInput)
		.query(({ ctx, input }) =>
			listCustomerInvoices(ctx, ctx.actor, { ...input, cursor: input.cursor ?? undefined }),
		),

	/** The Invoices overview (/invoices): every invoice of the business, filtered, with totals. */
	overview: businessProcedure
		.input(
			invoiceOverviewFilters.extend({
				cursor: createdAtCursor,
				limit: z.number().int().min(1).max(100).default(25),
			}),
		)
		.query(({ ctx, input }) =>
			listBusinessInvoices(ctx, ctx.actor, { ...input, cursor: input.cursor ?? undefined }),
		),

	byId: businessProcedure
		.input(byIdInput)
		.query(({ ctx, input }) => viewInvoice(ctx, ctx.actor, input)),

	nextNumber: businessProcedure.query(({ ctx }) => suggestInvoiceNumber(ctx, ctx.actor)),

	create: businessProcedure
		.input(invoiceInput.and(z.object({ customerId: recordId })))
		.mutation(async ({ ctx, input }) =>
			viewInvoice(ctx, ctx.actor, await createInvoice(ctx, ctx.actor, input)),
		),

	update: businessProcedure
		.input(invoiceInput.and(z.object({ id: recordId, version: z.number().int().min(1) })))
		.mutation(async ({ ctx, input }) =>
			viewInvoice(ctx, ctx.actor, await updateDraftInvoice(ctx, ctx.actor, input)),
		),

	markPaid: businessProcedure
		.input(
			z.object({
				id: recordId,
				// Not in the future is checked in the business's time zone (markInvoicePaid).
				paidOn: z.iso.date('Enter the payment date'),
				method: z.enum(PAYMENT_METHODS, { error: 'Choose how it was paid' }).optional(),
			}),
		)
		.mutation(async ({ ctx, input }) =>
			viewInvoice(ctx, ctx.actor, await markInvoicePaid(ctx, ctx.actor, input)),
		),

	void: businessProcedure
		.input(byIdInput)
		.mutation(async ({ ctx, input }) =>
			viewInvoice(ctx, ctx.actor, await voidInvoice(ctx, ctx.actor, input)),
		),

	/** Issues the invoice (number final, content locked, public link) and queues its email. */
	send: businessProcedure
		.input(byIdInput.and(invoiceEmailInput))
		.mutation(async ({ ctx, input }) => {
			await sendInvoice(ctx, ctx.actor, input);
			return viewInvoice(ctx, ctx.actor, { id: input.id });
		}),

	/** Issue without sending: issued with its public link, no email (handed over another way). */
	issue: businessProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
		await issueInvoice(ctx, ctx.actor, input);
		return viewInvoice(ctx, ctx.actor, input);
	}),

	/** Emails an issued invoice again, to a corrected address if given. */
	sendAgain: businessProcedure
		.input(byIdInput.and(invoiceEmailInput))
		.mutation(async ({ ctx, input }) => {
			await sendInvoiceAgain(ctx, ctx.actor, input);
			return viewInvoice(ctx, ctx.actor, { id: input.id });
		}),

	/** What the send dialog is prefilled with: { to, subject, message }. */
	emailDefaults: businessProcedure
		.input(byIdInput)
		.query(({ ctx, input }) => invoiceEmailDefaultsFor(ctx, ctx.actor, input)),

	delete: businessProcedure
		.input(byIdInput)
		.mutation(({ ctx, input }) => deleteDraftInvoice(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
