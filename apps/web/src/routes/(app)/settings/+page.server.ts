export const load = async ({ locals }) => ({
	origin: locals.deps.env.ORIGIN,
	quarantine: await locals.trpc.forms.quarantine.list({}),
});
