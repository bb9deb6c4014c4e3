import { error, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';

const notFound = (err: unknown) =>
	err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'BAD_REQUEST');

export const load = async ({ locals, params, url }) => {
	let customer: Awaited<ReturnType<typeof locals.trpc.customers.byId>>;
	try {
		customer = await locals.trpc.customers.byId({ id: params.id });
	} catch (err) {
		if (!notFound(err)) throw err;
		// A merged-away customer's links (bookmarks, notifications, old emails) lead to the
		// customer it was merged into, on the same tab, saying so there.
		const merge = await locals.trpc.customers.mergedInto({ id: params.id }).catch((e) => {
			if (notFound(e)) return null;
			throw e;
		});
		if (!merge) error(404, 'Customer not found');
		const target = new URL(url);
		target.pathname = url.pathname.replace(
			`/customers/${params.id}`,
			`/customers/${merge.survivorId}`,
		);
		target.searchParams.set('merged', params.id);
		redirect(308, `${target.pathname}${target.search}`);
	}
	const mergedFrom = url.searchParams.get('merged');
	const merge = mergedFrom
		? await locals.trpc.customers.mergedInto({ id: mergedFrom }).catch(() => null)
		: null;
	return {
		customer,
		merged:
			merge?.survivorId === customer.id ? { name: merge.mergedName, at: merge.mergedAt } : null,
	};
};
