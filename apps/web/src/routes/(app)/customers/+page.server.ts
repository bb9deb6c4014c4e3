import { customerSearch } from '@rapport/api/domain';
import { error } from '@sveltejs/kit';

export const load = async ({ locals, url, depends }) => {
	depends('app:live');
	// The same rule as the API's: an over-long or multi-line search is a 400 that says why.
	const parsed = customerSearch.safeParse(url.searchParams.get('q') ?? '');
	if (!parsed.success) error(400, parsed.error.issues[0]?.message ?? 'Invalid search');
	const search = parsed.data;
	const page = await locals.trpc.customers.list({ search, limit: 25 });
	return { search, page };
};
