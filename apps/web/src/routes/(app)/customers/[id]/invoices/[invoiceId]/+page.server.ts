export const load = async ({ locals, params, parent }) => {
	const { invoice } = await parent();
	// Reminders concern issued invoices that are still owed; the sub-pages (edit, pdf) skip this.
	if (invoice.status !== 'sent') return { reminders: null };
	return { reminders: await locals.trpc.reminders.status({ invoiceId: params.invoiceId }) };
};
