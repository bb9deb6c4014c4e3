export const load = async ({ locals, params }) => ({
	notes: await locals.trpc.notes.list({ customerId: params.id, limit: 20 }),
});
