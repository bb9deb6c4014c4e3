import { documentLabelsFor } from '@rapport/api/i18n';
import { openPublicInvoice, payNowOffered } from '@rapport/api/use-cases';
import { error } from '@sveltejs/kit';
import { apiDeps } from '#lib/server/runtime.ts';

/** Notices after Pay now (see pay/+server.ts); anything else in ?payment= is ignored. */
const PAYMENT_NOTICES = ['success', 'paid', 'not-set-up', 'unavailable'] as const;
type PaymentNotice = (typeof PAYMENT_NOTICES)[number];
const isPaymentNotice = (value: string | null): value is PaymentNotice =>
	(PAYMENT_NOTICES as readonly (string | null)[]).includes(value);

export const load = async ({ locals, params, setHeaders, url }) => {
	// Only a GET by a person counts as a view; the business's own preview does not.
	const document = await openPublicInvoice(apiDeps(), {
		token: params.token,
		recordView: !locals.session,
	});
	if (!document) error(404, 'This invoice link is not valid any more.');
	locals.lang = document.language;
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	// The customer reads the invoice in its own language; i18next stays on the server.
	const notice = url.searchParams.get('payment');
	return {
		document,
		token: params.token,
		labels: documentLabelsFor(document.language),
		payNow: await payNowOffered(apiDeps(), { token: params.token }),
		paymentNotice: isPaymentNotice(notice) ? notice : null,
	};
};
