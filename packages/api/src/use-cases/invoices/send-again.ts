import { type Database, lockInvoice } from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { InvoiceEmailInput } from '../../domain/invoice-email.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';
import { enqueueEmail } from '../outbound-email/enqueue.ts';
import {
	ALREADY_SENDING,
	invoiceEmailParties,
	invoiceRecipient,
	recordInvoiceEmail,
	refuseSecondLiveSend,
} from './email.ts';
import { activeInvoiceSend, assertAllowed } from './guards.ts';
import { ensurePublicToken } from './issue.ts';
import { requireInvoicePlan } from './plan.ts';

/**
 * Send again: another invoice email for an issued (sent or paid, not void) invoice, to a
 * corrected address if given. The document is the issued one; the status does not change.
 */
export async function sendInvoiceAgain(
	deps: { db: Database; jobs: JobProducer; mail: { domain: string } },
	actor: Actor,
	input: { id: string } & InvoiceEmailInput,
) {
	await requireInvoicePlan(deps.db, actor);
	const messageId = await deps.db
		.transaction()
		.execute(async (trx) => {
			const invoice = await lockInvoice(trx, actor.businessId, input.id);
			if (!invoice) throw new NotFoundError('Invoice');
			assertAllowed('sendAgain', invoice);
			if (await activeInvoiceSend(trx, actor.businessId, invoice.id)) {
				throw new ConflictError(ALREADY_SENDING);
			}
			const parties = await invoiceEmailParties(trx, actor, invoice.customerId);
			const to = invoiceRecipient(input, parties.customer);
			// Paid at the counter, it never had a link.
			await ensurePublicToken(trx, actor, invoice);
			const message = await recordInvoiceEmail(trx, deps, actor, invoice, parties, {
				...input,
				to,
			});
			return message.id;
		})
		.catch(refuseSecondLiveSend);
	await enqueueEmail(deps, messageId);
	return { messageId };
}
