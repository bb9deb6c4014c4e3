import { invoiceOverviewFilters, NotFoundError } from '@rapport/api/domain';
import { exportInvoices } from '@rapport/api/use-cases';
import { error, type RequestHandler } from '@sveltejs/kit';
import { csvFormat, csvResponse } from '#lib/server/csv-response.ts';
import { apiDeps } from '#lib/server/runtime.ts';

// The /invoices page's filters (?status, ?customer, ?q) apply; the session is checked here.
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.session) error(401, 'Please log in.');
	const param = (name: string) => url.searchParams.get(name) || undefined;
	const parsed = invoiceOverviewFilters.safeParse({
		status: param('status'),
		customerId: param('customer'),
		search: param('q'),
	});
	if (!parsed.success) error(400, parsed.error.issues[0]?.message ?? 'Invalid filter');
	const { filename, body } = await exportInvoices(apiDeps(), locals.session, {
		...parsed.data,
		format: csvFormat(url),
	}).catch((cause: unknown) => {
		if (cause instanceof NotFoundError) error(404, 'Customer not found');
		throw cause;
	});
	return csvResponse(filename, body);
};
