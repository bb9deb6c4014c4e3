import {
	type Executor,
	refreshCustomerOpenBalance,
	storeIssuedSnapshot,
	transitionInvoice,
} from '@rapport/db';
import { type InvoiceMove, invoiceTransition, issuesInvoice } from '../../domain/invoice-status.ts';
import type { Actor } from '../actor.ts';
import { findInvoiceWithParties, issuedSnapshotOf } from './document.ts';

/**
 * The one writer of `invoices.status`: issuing (Send invoice, Issue without sending), paying and
 * voiding — and the ledger settling or reopening it — all go through here, with the rules of domain/invoice-status.ts. A move that issues a
 * draft also freezes its document (the issued snapshot). False when the invoice was not in a
 * state the move starts from (another change came first); the caller decides whether that is an
 * error. Pass a transaction: the snapshot must be written with the status.
 */
export async function transitionInvoiceStatus(
	deps: { db: Executor },
	actor: Actor,
	input: { id: string; move: InvoiceMove },
	now = new Date(),
) {
	const { from, set } = invoiceTransition(input.move, now);
	const row = await transitionInvoice(deps.db, actor.businessId, input.id, from, set);
	const moved = Boolean(row);
	// Issuing, paying and voiding all change what the customer owes.
	if (row) await refreshCustomerOpenBalance(deps.db, actor.businessId, row.customerId);
	if (moved && issuesInvoice(input.move)) {
		const found = await findInvoiceWithParties(deps.db, actor.businessId, input.id);
		if (found) {
			const snapshot = issuedSnapshotOf(found.invoice, found.business, found.customer);
			await storeIssuedSnapshot(deps.db, actor.businessId, input.id, snapshot);
		}
	}
	return moved;
}
