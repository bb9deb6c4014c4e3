import { openPublicInvoice } from '@rapport/api';
import { renderInvoicePdf } from '@rapport/api/documents';
import { error, type RequestHandler } from '@sveltejs/kit';

export const GET: RequestHandler = async ({ locals, params }) => {
	const document = await openPublicInvoice(locals.deps.db, params.token ?? '', {
		recordView: false,
	});
	if (!document) error(404, 'This invoice link is not valid any more.');
	const pdf = await renderInvoicePdf(document);
	const ascii = document.invoice.number.replace(/[^\w.-]+/g, '_');
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${ascii}.pdf"`,
			'cache-control': 'private, no-store',
		},
	});
};
