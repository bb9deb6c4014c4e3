import { type Database, lockInvoice } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { InvoiceEmailInput } from '../../domain/invoice-email.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';
import { enqueueEmail } from '../outbound-email/enqueue.ts';
import {
	invoiceEmailParties,
	invoiceRecipient,
	recordInvoiceEmail,
	refuseSecondLiveSend,
} from './email.ts';
import { activeInvoiceSend, assertAllowed } from './guards.ts';
import { issueLockedInvoice } from './issue.ts';
import { requireInvoicePlan } from './plan.ts';

export { newPublicToken } from './public-token.ts';

/**
 * Send invoice: issues the invoice (Sent, number final, content locked, snapshot and public link)
 * and records its email (the outbox row) in one transaction, then queues it. Delivery is a
 * separate fact on the message: a failed or uncertain email leaves the invoice issued and owed.
 * Clicking twice, or from two tabs, yields the same single email: the invoice row is locked and
 * the unique index on live invoice sends admits only one.
 */
export async function sendInvoice(
	deps: { db: Database; jobs: JobProducer; mail: { domain: string } },
	actor: Actor,
	input: { id: string } & InvoiceEmailInput,
) {
	await requireInvoicePlan(deps.db, actor);
	const { businessId } = actor;
	const recorded = await deps.db
		.transaction()
		.execute(async (trx) => {
			const invoice = await lockInvoice(trx, businessId, input.id);
			if (!invoice) throw new NotFoundError('Invoice');
			const active = await activeInvoiceSend(trx, businessId, invoice.id);
			if (active) return { messageId: active.id, alreadyQueued: true };
			assertAllowed('send', invoice);
			const parties = await invoiceEmailParties(trx, actor, invoice.customerId);
			const to = invoiceRecipient(input, parties.customer);
			await issueLockedInvoice(trx, actor, invoice, 'send');
			const message = await recordInvoiceEmail(trx, deps, actor, invoice, parties, {
				...input,
				to,
			});
			return { messageId: message.id, alreadyQueued: false };
		})
		.catch(refuseSecondLiveSend);
	if (!recorded.alreadyQueued) await enqueueEmail(deps, recorded.messageId);
	return recorded;
}
