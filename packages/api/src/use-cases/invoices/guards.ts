import { type Executor, findInvoiceEmailIn } from '@rapport/db';
import { ACTIVE_DELIVERY_STATES } from '../../domain/delivery-state.ts';
import { ConflictError } from '../../domain/errors.ts';
import { type InvoiceAction, refusalReason } from '../../domain/invoice-status.ts';

export function assertAllowed(
	action: InvoiceAction,
	invoice: { status: Parameters<typeof refusalReason>[1] },
) {
	const reason = refusalReason(action, invoice.status);
	if (reason) throw new ConflictError(reason);
}

/** The live (not yet finished) send of an invoice, if any. */
export function activeInvoiceSend(db: Executor, businessId: string, invoiceId: string) {
	return findInvoiceEmailIn(db, businessId, invoiceId, ACTIVE_DELIVERY_STATES);
}
