import { type Executor, transitionInvoice } from '@rapport/db';
import { type InvoiceMove, invoiceTransition } from '../../domain/invoice-status.ts';
import type { Actor } from '../actor.ts';

/**
 * The one writer of `invoices.status`: sending (once the mail server accepted the email),
 * paying and voiding all go through here, with the rules of domain/invoice-status.ts. False
 * when the invoice was not in a state the move starts from (another change came first); the
 * caller decides whether that is an error. Pass a transaction to move with other writes.
 */
export async function transitionInvoiceStatus(
	deps: { db: Executor },
	actor: Actor,
	input: { id: string; move: InvoiceMove },
	now = new Date(),
) {
	const { from, set } = invoiceTransition(input.move, now);
	return Boolean(await transitionInvoice(deps.db, actor.businessId, input.id, from, set));
}
