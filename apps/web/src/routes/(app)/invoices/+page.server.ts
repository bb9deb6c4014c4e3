import { invoiceOverviewFilters } from '@rapport/api/domain';
import { error } from '@sveltejs/kit';

export const load = async ({ locals, url, depends }) => {
	// A payment recorded from a webhook changes balances and totals: reload with the live stream.
	depends('app:live');
	const param = (name: string) => url.searchParams.get(name) || undefined;
	// The API's own rule: an unknown status or a malformed customer id is a 400 that says why.
	const parsed = invoiceOverviewFilters.safeParse({
		status: param('status'),
		customerId: param('customer'),
		search: param('q'),
	});
	if (!parsed.success) error(400, parsed.error.issues[0]?.message ?? 'Invalid filter');
	const filters = parsed.data;
	// Another business's customer answers 404 "Customer not found" (hooks' handleError).
	const page = await locals.trpc.invoices.overview({ ...filters, limit: 25 });
	return { filters, page };
};
