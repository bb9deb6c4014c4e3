import { renderInvoicePdf } from '@rapport/api/documents';
import { openPublicInvoice } from '@rapport/api/use-cases';
import { error, type RequestHandler } from '@sveltejs/kit';
import { apiDeps } from '#lib/server/runtime.ts';

export const GET: RequestHandler = async ({ params }) => {
	const document = await openPublicInvoice(apiDeps(), {
		token: params.token ?? '',
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
