import {
	claimPaymentEvent,
	type Database,
	findBusiness,
	findCustomer,
	findInvoice,
	insertPayment,
	insertSystemEvent,
	isUuid,
	lockInvoice,
	type PaymentProviderName,
	settlePaymentEvent,
	touchCustomer,
} from '@rapport/db';
import { todayIn } from '../../domain/invoice-status.ts';
import { DEFAULT_LANGUAGE, DOCUMENT_FALLBACK_LOCALE, isLanguage } from '../../domain/language.ts';
import { balanceDue, providerPaymentFlag } from '../../domain/payment.ts';
import { paymentEventText, paymentReceipt } from '../../domain/payment-receipt.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import { systemActor } from '../actor.ts';
import { enqueueEmailOrLeaveForSweep } from '../outbound-email/enqueue.ts';
import { recordOutboundEmail } from '../outbound-email/queue.ts';
import { applyLedger } from './ledger.ts';
import type { ProviderPaymentEvent } from './provider.ts';

export type OnlinePaymentOutcome =
	| { outcome: 'recorded'; paymentId: string; receiptId: string | null }
	| { outcome: 'duplicate' }
	| { outcome: 'ignored'; reason: string };

/**
 * Records money a provider took, exactly once per checkout: the event row (one per provider
 * event) and the payment row (unique on the provider's id) are written in one transaction, so
 * any number of redeliveries, concurrent or not, add one payment. It never depends on the plan
 * and never refuses money already taken: a payment for a void invoice or above the balance is
 * recorded and flagged for the owner to refund. The customer gets a receipt (the outbox, kind
 * 'receipt') and the Messages tab shows the payment. `businessId` is the one whose webhook URL
 * received the event; an event naming another business or an unknown invoice changes nothing.
 */
export async function recordOnlinePayment(
	deps: { db: Database; jobs: JobProducer; mail: { domain: string }; origin: string },
	input: { provider: PaymentProviderName; businessId: string; payment: ProviderPaymentEvent },
): Promise<OnlinePaymentOutcome> {
	const { provider, businessId, payment } = input;
	const actor = systemActor(businessId);
	const event = { provider, eventId: payment.eventId };
	const result = await deps.db.transaction().execute(async (trx) => {
		const claimed = await claimPaymentEvent(trx, { ...event, businessId, type: payment.type });
		if (!claimed) return { outcome: 'duplicate' } as const;
		const ignore = async (reason: string) => {
			await settlePaymentEvent(trx, event, { outcome: 'ignored', reason });
			return { outcome: 'ignored', reason } as const;
		};
		if (payment.businessId !== businessId)
			return ignore('The checkout belongs to another business');
		if (!payment.invoiceId || !isUuid(payment.invoiceId))
			return ignore('No invoice in the checkout');
		const invoice = await lockInvoice(trx, businessId, payment.invoiceId);
		if (!invoice) return ignore('Unknown invoice');
		if (invoice.currency !== payment.currency.toUpperCase()) {
			return ignore(
				`Paid in ${payment.currency.toUpperCase()}, the invoice is in ${invoice.currency}`,
			);
		}
		if (payment.amountMinor <= 0) return ignore('Nothing was paid');
		const business = await findBusiness(trx, businessId);
		if (!business) return ignore('Unknown business');
		const paidOn = todayIn(business.timeZone, new Date(payment.occurredAt));
		const flag = providerPaymentFlag(invoice, payment.amountMinor);
		const row = await insertPayment(trx, businessId, {
			invoiceId: invoice.id,
			amountMinor: payment.amountMinor,
			currency: invoice.currency,
			// The provider's date can precede the issue date only by clock skew: keep it ordered.
			// biome-ignore lint/complexity/useMathMinMax: ISO date strings, not numbers.
			paidOn: paidOn < invoice.issueDate ? invoice.issueDate : paidOn,
			method: 'online',
			reference: payment.providerId,
			source: 'provider',
			provider,
			providerId: payment.providerId,
			flag,
		});
		// Another event of the same checkout (completed, then async_payment_succeeded) came first.
		if (!row) {
			await settlePaymentEvent(trx, event, { outcome: 'duplicate' });
			return { outcome: 'duplicate' } as const;
		}
		const ledger = await applyLedger(trx, actor, invoice);
		await settlePaymentEvent(trx, event, { outcome: 'recorded', paymentId: row.id });

		const full = await findInvoice(trx, businessId, invoice.id);
		const customer = await findCustomer(trx, businessId, invoice.customerId);
		const shownLocale = full?.issuedSnapshot?.locale ?? business.locale ?? DOCUMENT_FALLBACK_LOCALE;
		const language = isLanguage(full?.issuedSnapshot?.language)
			? full.issuedSnapshot.language
			: isLanguage(business.language)
				? business.language
				: DEFAULT_LANGUAGE;
		await insertSystemEvent(trx, businessId, {
			customerId: invoice.customerId,
			kind: 'payment',
			invoiceId: invoice.id,
			body: paymentEventText({
				...invoice,
				amountMinor: payment.amountMinor,
				locale: shownLocale,
				flag,
			}),
		});
		await touchCustomer(trx, businessId, invoice.customerId);
		let receiptId: string | null = null;
		if (customer?.email) {
			const link = invoice.publicToken
				? `${deps.origin.replace(/\/$/, '')}/i/${invoice.publicToken}`
				: deps.origin;
			const receipt = paymentReceipt({
				language,
				locale: shownLocale,
				number: invoice.number,
				currency: invoice.currency,
				amountMinor: payment.amountMinor,
				balanceMinor: balanceDue({ totalMinor: invoice.totalMinor, paidMinor: ledger.paidMinor }),
				paidOn,
				link,
			});
			const message = await recordOutboundEmail(trx, actor, deps.mail, {
				kind: 'receipt',
				customerId: invoice.customerId,
				invoiceId: invoice.id,
				recipient: customer.email,
				subject: receipt.subject,
				body: receipt.body,
				inReplyTo: null,
			});
			receiptId = message.id;
		}
		return { outcome: 'recorded', paymentId: row.id, receiptId } as const;
	});
	// The receipt's outbox row is committed; the sweep queues it if this enqueue fails.
	if (result.outcome === 'recorded' && result.receiptId) {
		await enqueueEmailOrLeaveForSweep(deps, result.receiptId);
	}
	return result;
}
