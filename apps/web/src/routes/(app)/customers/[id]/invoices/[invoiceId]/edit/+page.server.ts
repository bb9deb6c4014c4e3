import { redirect } from '@sveltejs/kit';

export const load = async ({ parent, params }) => {
	const { invoice } = await parent();
	// Only drafts are editable; anything else shows the invoice with the reason.
	if (invoice.status !== 'draft')
		redirect(303, `/customers/${params.id}/invoices/${params.invoiceId}`);
};
