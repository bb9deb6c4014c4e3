export const load = async ({ locals, params }) => ({
	invoices: await locals.trpc.invoices.list({ customerId: params.id, limit: 20 }),
});
