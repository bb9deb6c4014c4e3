import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';

export const load = async ({ locals, params }) => {
	try {
		const invoice = await locals.trpc.invoices.byId({ id: params.invoiceId });
		if (invoice.customerId !== params.id) error(404, 'Invoice not found');
		return { invoice };
	} catch (err) {
		if (err instanceof TRPCError && err.code === 'NOT_FOUND') error(404, 'Invoice not found');
		throw err;
	}
};
