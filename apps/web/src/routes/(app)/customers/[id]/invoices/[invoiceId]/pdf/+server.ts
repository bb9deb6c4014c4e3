import { NotFoundError } from '@rapport/api/domain';
import { renderInvoicePdf } from '@rapport/api/use-cases';
import { error, type RequestHandler } from '@sveltejs/kit';
import { apiDeps } from '#lib/server/runtime.ts';

/** The same PDF the customer receives; scoped to the signed-in business like every query. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.session) error(401, 'Please log in.');
	const result = await renderInvoicePdf(apiDeps(), locals.session, {
		id: params.invoiceId ?? '',
	}).catch((cause: unknown) => {
		if (cause instanceof NotFoundError) error(404, 'Invoice not found');
		throw cause;
	});
	const ascii = result.number.replace(/[^\w.-]+/g, '_');
	// ?inline: the send dialog's preview opens it in a tab instead of downloading it.
	const disposition = url.searchParams.has('inline') ? 'inline' : 'attachment';
	return new Response(new Uint8Array(result.pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `${disposition}; filename="${ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(result.number)}.pdf`,
			'cache-control': 'private, no-store',
		},
	});
};
