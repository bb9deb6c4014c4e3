import {
	activeInvoiceSend,
	deleteDraftInvoice,
	findBusiness,
	findCustomer,
	findInvoice,
	latestInvoiceEmail,
	listInvoices,
	outstandingForCustomer,
	transitionInvoice,
} from '@rapport/db';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { invoiceInput } from '../domain/invoice.ts';
import {
	displayStatus,
	type InvoiceAction,
	refusalReason,
	todayUtc,
} from '../domain/invoice-status.ts';
import { effectivePlan, planIncludesInvoices } from '../domain/plan.ts';
import { recordId } from '../domain/text-input.ts';
import { invoiceDocumentFrom } from '../services/invoice-document.ts';
import { sendInvoice } from '../services/invoice-send.ts';
import { createInvoice, nextInvoiceNumber, updateDraft } from '../services/invoices.ts';
import { businessProcedure, fieldError, notFound } from '../trpc.ts';
import { customerPageInput, requireCustomer } from './shared-inputs.ts';

export const PLAN_REQUIRED_MESSAGE =
	'Invoices are part of the Launch and Grow plans. Upgrade in Settings to create and send invoices.';

/** Every invoice write: refused with FORBIDDEN on the Starter plan (reading stays possible). */
const invoiceWriteProcedure = businessProcedure.use(async ({ ctx, next }) => {
	const business = await findBusiness(ctx.db, ctx.businessId);
	if (!business) throw notFound('Business');
	if (!planIncludesInvoices(effectivePlan(business, new Date()))) {
		throw new TRPCError({ code: 'FORBIDDEN', message: PLAN_REQUIRED_MESSAGE });
	}
	return next();
});

const byIdInput = z.object({ id: recordId });

async function loadInvoice(
	ctx: { db: Parameters<typeof findInvoice>[0]; businessId: string },
	id: string,
) {
	const invoice = await findInvoice(ctx.db, ctx.businessId, id);
	if (!invoice) throw notFound('Invoice');
	const [delivery, business, customer] = await Promise.all([
		latestInvoiceEmail(ctx.db, ctx.businessId, id),
		findBusiness(ctx.db, ctx.businessId),
		findCustomer(ctx.db, ctx.businessId, invoice.customerId),
	]);
	if (!business || !customer) throw notFound('Invoice');
	const document = invoiceDocumentFrom(invoice, business, customer);
	return {
		...invoice,
		items: document.items,
		delivery: delivery ?? null,
		displayStatus: document.status,
		document,
	};
}

/** While its email is on the way, a draft's content is frozen: the email must match the invoice. */
async function assertNotSending(
	ctx: { db: Parameters<typeof findInvoice>[0]; businessId: string },
	id: string,
) {
	if (await activeInvoiceSend(ctx.db, ctx.businessId, id)) {
		throw new TRPCError({
			code: 'CONFLICT',
			message: 'This invoice is being sent right now; wait until it is sent.',
		});
	}
}

function assertAllowed(
	action: InvoiceAction,
	invoice: { status: Parameters<typeof refusalReason>[1] },
) {
	const reason = refusalReason(action, invoice.status);
	if (reason) throw new TRPCError({ code: 'CONFLICT', message: reason });
}

export const invoicesRouter = {
	list: businessProcedure.input(customerPageInput).query(async ({ ctx, input }) => {
		await requireCustomer(ctx, input.customerId);
		const [page, outstandingMinor] = await Promise.all([
			listInvoices(ctx.db, ctx.businessId, input.customerId, {
				cursor: input.cursor ?? undefined,
				limit: input.limit,
			}),
			outstandingForCustomer(ctx.db, ctx.businessId, input.customerId),
		]);
		const today = todayUtc();
		return {
			...page,
			items: page.items.map((i) => ({ ...i, displayStatus: displayStatus(i, today) })),
			outstandingMinor,
		};
	}),

	byId: businessProcedure.input(byIdInput).query(({ ctx, input }) => loadInvoice(ctx, input.id)),

	nextNumber: businessProcedure.query(({ ctx }) => nextInvoiceNumber(ctx.db, ctx.businessId)),

	create: invoiceWriteProcedure
		.input(invoiceInput.and(z.object({ customerId: recordId })))
		.mutation(async ({ ctx, input }) => {
			await requireCustomer(ctx, input.customerId);
			return loadInvoice(ctx, await createInvoice(ctx.db, ctx.businessId, input.customerId, input));
		}),

	update: invoiceWriteProcedure
		.input(invoiceInput.and(z.object({ id: recordId, version: z.number().int().min(1) })))
		.mutation(async ({ ctx, input }) => {
			const invoice = await loadInvoice(ctx, input.id);
			assertAllowed('edit', invoice);
			await assertNotSending(ctx, input.id);
			const saved = await updateDraft(ctx.db, ctx.businessId, invoice, input.version, input);
			if (!saved) {
				const current = await loadInvoice(ctx, input.id);
				assertAllowed('edit', current);
				throw new TRPCError({
					code: 'CONFLICT',
					message:
						'This invoice was changed elsewhere after you opened it. Reload to see the latest version.',
				});
			}
			return loadInvoice(ctx, input.id);
		}),

	markPaid: invoiceWriteProcedure
		.input(
			z.object({
				id: recordId,
				paidOn: z.iso
					.date('Enter the payment date')
					.refine((v) => v <= todayUtc(), 'The payment date cannot be in the future'),
			}),
		)
		.mutation(async ({ ctx, input }) => {
			const invoice = await loadInvoice(ctx, input.id);
			assertAllowed('markPaid', invoice);
			if (input.paidOn < invoice.issueDate) {
				throw fieldError({ paidOn: ['The payment date cannot be before the issue date'] });
			}
			// Paid at the counter: a draft is issued and paid in one step.
			const moved = await transitionInvoice(ctx.db, ctx.businessId, input.id, ['draft', 'sent'], {
				status: 'paid',
				paidOn: input.paidOn,
				...(invoice.status === 'draft' ? { issuedAt: new Date() } : {}),
			});
			if (!moved) assertAllowed('markPaid', await loadInvoice(ctx, input.id));
			return loadInvoice(ctx, input.id);
		}),

	void: invoiceWriteProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
		const invoice = await loadInvoice(ctx, input.id);
		assertAllowed('void', invoice);
		// Voiding revokes the public link.
		const moved = await transitionInvoice(ctx.db, ctx.businessId, input.id, ['sent'], {
			status: 'void',
			voidedAt: new Date(),
			publicToken: null,
		});
		if (!moved) assertAllowed('void', await loadInvoice(ctx, input.id));
		return loadInvoice(ctx, input.id);
	}),

	/** Queues the invoice email; the invoice becomes Sent once the mail server accepts it. */
	send: invoiceWriteProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
		await sendInvoice(
			{ db: ctx.db, jobs: ctx.jobs, mailDomain: ctx.mail.domain },
			ctx.businessId,
			input.id,
		);
		return loadInvoice(ctx, input.id);
	}),

	delete: invoiceWriteProcedure.input(byIdInput).mutation(async ({ ctx, input }) => {
		const invoice = await loadInvoice(ctx, input.id);
		assertAllowed('delete', invoice);
		await assertNotSending(ctx, input.id);
		if (!(await deleteDraftInvoice(ctx.db, ctx.businessId, input.id))) {
			assertAllowed('delete', await loadInvoice(ctx, input.id));
		}
		return { id: input.id };
	}),
} satisfies TRPCRouterRecord;
