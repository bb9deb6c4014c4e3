import { randomBytes } from 'node:crypto';
import {
	type Database,
	findBusiness,
	findCustomer,
	INVOICE_ACTIVE_SEND_UNIQUE,
	isUniqueViolation,
	lockInvoiceForSend,
	setInvoicePublicToken,
} from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import { formatMoney } from '../../domain/money.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';
import { enqueueEmail } from '../outbound-email/enqueue.ts';
import { recordOutboundEmail } from '../outbound-email/queue.ts';
import { activeInvoiceSend, assertAllowed } from './guards.ts';
import { requireInvoicePlan } from './plan.ts';

/** ≥ 128 bits from the OS CSPRNG: the public invoice link cannot be guessed. */
export function newPublicToken(): string {
	return randomBytes(24).toString('base64url');
}

/**
 * Send invoice: checks the invoice can go, records the email (the outbox row) with the public
 * link token in one transaction, then queues it. The invoice becomes Sent once the mail server
 * accepts the email (deliverEmail). Clicking twice, or from two tabs, yields the same single
 * email: the unique index on live sends per invoice admits only one.
 */
export async function sendInvoice(
	deps: { db: Database; jobs: JobProducer; mail: { domain: string } },
	actor: Actor,
	input: { id: string },
) {
	await requireInvoicePlan(deps.db, actor);
	const { businessId } = actor;
	const recorded = await deps.db
		.transaction()
		.execute(async (trx) => {
			const invoice = await lockInvoiceForSend(trx, businessId, input.id);
			if (!invoice) throw new NotFoundError('Invoice');
			const active = await activeInvoiceSend(trx, businessId, invoice.id);
			if (active) return { messageId: active.id, alreadyQueued: true };
			assertAllowed('send', invoice);

			const [customer, business] = await Promise.all([
				findCustomer(trx, businessId, invoice.customerId),
				findBusiness(trx, businessId),
			]);
			if (!customer || !business) throw new NotFoundError('Customer');
			if (!customer.email) {
				throw new FieldValidationError({
					email: ['Add an email address to this customer before sending the invoice.'],
				});
			}
			if (!invoice.publicToken) {
				await setInvoicePublicToken(trx, businessId, invoice.id, newPublicToken());
			}
			const total = formatMoney(invoice.totalMinor, invoice.currency);
			const message = await recordOutboundEmail(trx, actor, deps.mail, {
				customerId: customer.id,
				invoiceId: invoice.id,
				recipient: customer.email,
				subject: `Invoice ${invoice.number} from ${business.name}`,
				body: `Invoice ${invoice.number} for ${total}, due ${invoice.dueDate}. The PDF is attached and a link to view it online is included.`,
				inReplyTo: null,
			});
			return { messageId: message.id, alreadyQueued: false };
		})
		.catch((error: unknown) => {
			if (isUniqueViolation(error, INVOICE_ACTIVE_SEND_UNIQUE)) {
				throw new ConflictError('This invoice is already being sent.');
			}
			throw error;
		});
	if (!recorded.alreadyQueued) await enqueueEmail(deps, recorded.messageId);
	return recorded;
}
