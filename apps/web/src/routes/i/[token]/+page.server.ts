import { documentLabelsFor } from '@rapport/api/i18n';
import { openPublicInvoice } from '@rapport/api/use-cases';
import { error } from '@sveltejs/kit';
import { apiDeps } from '#lib/server/runtime.ts';

export const load = async ({ locals, params, setHeaders }) => {
	// Only a GET by a person counts as a view; the business's own preview does not.
	const document = await openPublicInvoice(apiDeps(), {
		token: params.token,
		recordView: !locals.session,
	});
	if (!document) error(404, 'This invoice link is not valid any more.');
	locals.lang = document.language;
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	// The customer reads the invoice in its own language; i18next stays on the server.
	return { document, token: params.token, labels: documentLabelsFor(document.language) };
};
