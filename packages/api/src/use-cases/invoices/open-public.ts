import { type Database, findInvoiceByPublicToken, recordInvoiceViewed } from '@rapport/db';
import { loadInvoiceDocument } from './document.ts';

/**
 * The customer's view through the public link: the document, or undefined for unknown or
 * revoked tokens. No actor: the unguessable token is the only key. The first view by the
 * customer is recorded ("Viewed" on the invoice); the business's own preview is not.
 */
export async function openPublicInvoice(
	deps: { db: Database },
	input: { token: string; recordView: boolean },
) {
	const found = await findInvoiceByPublicToken(deps.db, input.token);
	if (!found) return undefined;
	const document = await loadInvoiceDocument(deps.db, found.businessId, found.id);
	if (!document) return undefined;
	if (input.recordView && !found.viewedAt) await recordInvoiceViewed(deps.db, found.id);
	return document;
}
