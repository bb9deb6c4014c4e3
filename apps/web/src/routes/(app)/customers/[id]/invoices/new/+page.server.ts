import { planIncludesInvoices } from '@rapport/api/domain';
import { redirect } from '@sveltejs/kit';

export const load = async ({ locals, params, parent }) => {
	const { business } = await parent();
	if (!planIncludesInvoices(business.effectivePlan))
		redirect(303, `/customers/${params.id}/invoices`);
	return { nextNumber: await locals.trpc.invoices.nextNumber() };
};
