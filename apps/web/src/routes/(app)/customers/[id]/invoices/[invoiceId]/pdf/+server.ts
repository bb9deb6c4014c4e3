import { renderInvoicePdfById } from '@rapport/api';
import { error, type RequestHandler } from '@sveltejs/kit';

/** The same PDF the customer receives; scoped to the signed-in business like every query. */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.session) error(401, 'Please log in.');
	const result = await renderInvoicePdfById(
		locals.deps.db,
		locals.session.businessId,
		params.invoiceId ?? '',
	);
	if (!result) error(404, 'Invoice not found');
	const ascii = result.number.replace(/[^\w.-]+/g, '_');
	return new Response(new Uint8Array(result.pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(result.number)}.pdf`,
			'cache-control': 'private, no-store',
		},
	});
};
