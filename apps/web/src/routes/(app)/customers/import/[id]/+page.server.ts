export const load = async ({ locals, params }) => ({
	job: await locals.trpc.customerImports.byId({ id: params.id }),
});
