import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';

export const load = async ({ locals, params }) => {
	try {
		return { customer: await locals.trpc.customers.byId({ id: params.id }) };
	} catch (err) {
		if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST')) {
			error(404, 'Customer not found');
		}
		throw err;
	}
};
