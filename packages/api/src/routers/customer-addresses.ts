import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
	addCustomerEmailInput,
	addCustomerPhoneInput,
	customerAddressRef,
} from '../domain/customer-address.ts';
import { recordId } from '../domain/text-input.ts';
import { businessProcedure } from '../trpc.ts';
import {
	addEmail,
	addPhone,
	listAddresses,
	makePrimaryEmail,
	makePrimaryPhone,
	removeEmail,
	removePhone,
} from '../use-cases/customers/index.ts';

/** A customer's emails and phones (the profile header); every mutation answers the new lists. */
export const customerAddressesRouter = {
	list: businessProcedure
		.input(z.object({ customerId: recordId }))
		.query(({ ctx, input }) => listAddresses(ctx, ctx.actor, input.customerId)),
	addEmail: businessProcedure
		.input(addCustomerEmailInput)
		.mutation(({ ctx, input }) => addEmail(ctx, ctx.actor, input)),
	removeEmail: businessProcedure
		.input(customerAddressRef)
		.mutation(({ ctx, input }) => removeEmail(ctx, ctx.actor, input)),
	makePrimaryEmail: businessProcedure
		.input(customerAddressRef)
		.mutation(({ ctx, input }) => makePrimaryEmail(ctx, ctx.actor, input)),
	addPhone: businessProcedure
		.input(addCustomerPhoneInput)
		.mutation(({ ctx, input }) => addPhone(ctx, ctx.actor, input)),
	removePhone: businessProcedure
		.input(customerAddressRef)
		.mutation(({ ctx, input }) => removePhone(ctx, ctx.actor, input)),
	makePrimaryPhone: businessProcedure
		.input(customerAddressRef)
		.mutation(({ ctx, input }) => makePrimaryPhone(ctx, ctx.actor, input)),
} satisfies TRPCRouterRecord;
