import { randomBytes } from 'node:crypto';
import {
	activeInvoiceSend,
	type Database,
	findBusiness,
	findCustomer,
	INVOICE_ACTIVE_SEND_UNIQUE,
	insertOutboundEmail,
	isUniqueViolation,
} from '@rapport/db';
import { TRPCError } from '@trpc/server';
import { newRfcMessageId } from '../domain/email-identity.ts';
import { refusalReason } from '../domain/invoice-status.ts';
import { formatMoney } from '../domain/money.ts';
import type { JobProducer } from '../jobs/producer.ts';
import { fieldError } from '../trpc.ts';
import { enqueueEmail } from './outbound-email.ts';

/** ≥ 128 bits from the OS CSPRNG: the public invoice link cannot be guessed. */
export function newPublicToken(): string {
	return randomBytes(24).toString('base64url');
}

/**
 * Send invoice: checks the invoice can go, records the email (the outbox row) with the public
 * link token in one transaction, then queues it. Clicking twice, or from two tabs, yields the
 * same single email: the unique index on live sends per invoice admits only one.
 */
export async function sendInvoice(
	deps: { db: Database; jobs: JobProducer; mailDomain: string },
	businessId: string,
	invoiceId: string,
) {
	const { db } = deps;
	const recorded = await db
		.transaction()
		.execute(async (trx) => {
			const invoice = await trx
				.selectFrom('invoices')
				.select([
					'id',
					'customerId',
					'number',
					'status',
					'totalMinor',
					'currency',
					'dueDate',
					'publicToken',
				])
				.where('businessId', '=', businessId)
				.where('id', '=', invoiceId)
				.forUpdate()
				.executeTakeFirst();
			if (!invoice) throw new TRPCError({ code: 'NOT_FOUND', message: 'Invoice not found' });
			const active = await activeInvoiceSend(trx, businessId, invoiceId);
			if (active) return { messageId: active.id, alreadyQueued: true };
			const reason = refusalReason('send', invoice.status);
			if (reason) throw new TRPCError({ code: 'CONFLICT', message: reason });

			const [customer, business] = await Promise.all([
				findCustomer(trx, businessId, invoice.customerId),
				findBusiness(trx, businessId),
			]);
			if (!customer || !business)
				throw new TRPCError({ code: 'NOT_FOUND', message: 'Customer not found' });
			if (!customer.email) {
				throw fieldError({
					email: ['Add an email address to this customer before sending the invoice.'],
				});
			}
			if (!invoice.publicToken) {
				await trx
					.updateTable('invoices')
					.set({ publicToken: newPublicToken() })
					.where('id', '=', invoice.id)
					.execute();
			}
			const total = formatMoney(invoice.totalMinor, invoice.currency);
			const message = await insertOutboundEmail(trx, businessId, {
				customerId: customer.id,
				invoiceId: invoice.id,
				recipient: customer.email,
				subject: `Invoice ${invoice.number} from ${business.name}`,
				body: `Invoice ${invoice.number} for ${total}, due ${invoice.dueDate}. The PDF is attached and a link to view it online is included.`,
				rfcMessageId: newRfcMessageId(deps.mailDomain),
				inReplyTo: null,
			});
			return { messageId: message.id, alreadyQueued: false };
		})
		.catch((error: unknown) => {
			if (isUniqueViolation(error, INVOICE_ACTIVE_SEND_UNIQUE)) {
				throw new TRPCError({ code: 'CONFLICT', message: 'This invoice is already being sent.' });
			}
			throw error;
		});
	if (!recorded.alreadyQueued) await enqueueEmail(deps, recorded.messageId);
	return recorded;
}
