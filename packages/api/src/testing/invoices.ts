import { claimEmail, type Database, markEmailAccepted } from '@rapport/db';
import { invoiceInput } from '../domain/invoice.ts';
import { todayUtc } from '../domain/invoice-status.ts';
import type { JobProducer } from '../jobs/producer.ts';
import type { Actor } from '../use-cases/actor.ts';
import { createInvoice } from '../use-cases/invoices/create.ts';
import { sendInvoice } from '../use-cases/invoices/send.ts';
import { finishSentEmail } from '../use-cases/outbound-email/finish.ts';

type Deps = { db: Database; jobs: JobProducer; mail: { domain: string } };

/** A one-line draft for `customerId`, through createInvoice. */
export async function createTestInvoice(
	deps: { db: Database },
	actor: Actor,
	customerId: string,
	dates: { issueDate?: string; dueDate?: string } = {},
) {
	const today = todayUtc();
	const issueDate = dates.issueDate ?? today;
	return createInvoice(deps, actor, {
		customerId,
		...invoiceInput.parse({
			issueDate,
			dueDate: dates.dueDate ?? issueDate,
			items: [{ description: 'Bouquet', quantity: '1', unitPrice: '50.00', taxRate: '0' }],
		}),
	});
}

/**
 * Sends the invoice the way production does, with the mail server's part played here: the
 * email is recorded and queued (sendInvoice), claimed, accepted and finished, so the invoice is
 * Sent with its public link. No worker may run on the test's queue prefix meanwhile.
 */
export async function sendTestInvoice(deps: Deps, actor: Actor, invoiceId: string) {
	const { messageId } = await sendInvoice(deps, actor, { id: invoiceId });
	await claimEmail(deps.db, messageId);
	await markEmailAccepted(deps.db, messageId, '250 accepted (test)');
	await finishSentEmail(deps.db, messageId);
	return { messageId };
}
