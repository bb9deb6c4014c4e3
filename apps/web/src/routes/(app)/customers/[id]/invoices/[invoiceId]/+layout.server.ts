import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';

export const load = async ({ locals, params }) => {
	try {
		const invoice = await locals.trpc.invoices.byId({ id: params.invoiceId });
		if (invoice.customerId !== params.id) error(404, 'Invoice not found');
		return { invoice };
	} catch (err) {
		// A malformed id (BAD_REQUEST) is an invoice that does not exist, as for customers.
		if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST')) {
			error(404, 'Invoice not found');
		}
		throw err;
	}
};
