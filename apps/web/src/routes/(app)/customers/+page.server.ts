export const load = async ({ locals, url, depends }) => {
	depends('app:live');
	const search = url.searchParams.get('q') ?? '';
	const page = await locals.trpc.customers.list({ search, limit: 25 });
	return { search, page };
};
