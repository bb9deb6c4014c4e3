import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { PAYMENT_METHODS, PAYMENT_NOTE_MAX, PAYMENT_REFERENCE_MAX } from '../domain/payment.ts';
import { multiLineText, recordId, singleLineText } from '../domain/text-input.ts';
import { businessProcedure } from '../trpc.ts';
import { viewInvoice } from '../use-cases/invoices/index.ts';
import { deletePayment, recordPayment } from '../use-cases/payments/index.ts';

export const recordPaymentInput = z.object({
	invoiceId: recordId,
	// Canonical decimal text; the currency's decimals are checked by recordPayment.
	amount: singleLineText('The amount', 32).min(1, 'Enter an amount'),
	paidOn: z.iso.date('Enter the payment date'),
	method: z.enum(PAYMENT_METHODS, { error: 'Choose how it was paid' }),
	reference: singleLineText('The reference', PAYMENT_REFERENCE_MAX).optional(),
	note: multiLineText('The note', PAYMENT_NOTE_MAX).optional(),
});

/** Every write answers with the invoice as it is now, as `invoices.byId` shows it. */
export const paymentsRouter = {
	record: businessProcedure.input(recordPaymentInput).mutation(async ({ ctx, input }) => {
		const { invoiceId } = await recordPayment(ctx, ctx.actor, input);
		return viewInvoice(ctx, ctx.actor, { id: invoiceId });
	}),

	delete: businessProcedure.input(z.object({ id: recordId })).mutation(async ({ ctx, input }) => {
		const { invoiceId } = await deletePayment(ctx, ctx.actor, input);
		return viewInvoice(ctx, ctx.actor, { id: invoiceId });
	}),
} satisfies TRPCRouterRecord;
