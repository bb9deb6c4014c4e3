import { type Database, finalizeSentEmail } from '@rapport/db';
import { systemActor } from '../actor.ts';
import { transitionInvoiceStatus } from '../invoices/transition.ts';

/**
 * accepted → sent, and the invoice the email carried becomes Sent, in one transaction: the
 * mail server took it, only the bookkeeping was left. Running it again changes nothing.
 */
export async function finishSentEmail(db: Database, messageId: string) {
	await db.transaction().execute(async (trx) => {
		const sent = await finalizeSentEmail(trx, messageId);
		if (sent?.invoiceId) {
			await transitionInvoiceStatus({ db: trx }, systemActor(sent.businessId), {
				id: sent.invoiceId,
				move: { action: 'send' },
			});
		}
	});
}
