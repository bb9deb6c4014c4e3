import type { Database } from '@rapport/db';
import { renderInvoicePdf as renderPdf } from '../../documents/invoice-pdf.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { loadInvoiceDocument } from './document.ts';

/** The same PDF the customer receives, for the business's own download. */
export async function renderInvoicePdf(
	deps: { db: Database },
	actor: Actor,
	input: { id: string },
) {
	const document = await loadInvoiceDocument(deps.db, actor.businessId, input.id);
	if (!document) throw new NotFoundError('Invoice');
	return { number: document.invoice.number, pdf: await renderPdf(document) };
}
