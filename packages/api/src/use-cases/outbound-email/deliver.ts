import {
	cancelQueuedEmail,
	claimEmail,
	failEmail,
	findEmailForDelivery,
	findInvoicePublicToken,
	hasPaymentConnection,
	markEmailAccepted,
	markEmailUncertain,
	requeueEmail,
} from '@rapport/db';
import { renderInvoicePdf } from '../../documents/invoice-pdf.ts';
import { replyAddress } from '../../domain/email-identity.ts';
import { fillInvoiceEmailLink, invoiceEmailLabels } from '../../domain/invoice-email.ts';
import { isOutageError } from '../../domain/outage.ts';
import { classifySmtpError } from '../../domain/smtp-failure.ts';
import { loadInvoiceDocument } from '../invoices/document.ts';
import { type DeliverEmailDeps, type OutgoingEmail, UndeliverableError } from './deps.ts';
import { finishSentEmail } from './finish.ts';

export const UNCERTAIN_OUTCOME =
	'The worker stopped while the mail server was taking this email, so it may already have arrived. Check with the customer before retrying.';

type Email = NonNullable<Awaited<ReturnType<typeof findEmailForDelivery>>>;

/** A queued reminder whose invoice was settled meanwhile: cancelled, never sent. */
class ReminderNoLongerDue extends Error {}

async function composeEmail(email: Email, deps: DeliverEmailDeps): Promise<OutgoingEmail> {
	const base = {
		to: email.recipient!,
		subject: email.subject ?? `Message from ${email.businessName}`,
		messageId: email.rfcMessageId!,
		inReplyTo: email.inReplyTo,
		replyTo: replyAddress(email.replyToken, deps.mailDomain),
		fromName: email.businessName,
	};
	const business = { name: email.businessName, email: email.businessEmail };
	// Reminders carry the invoice as its email does: the PDF, the link and Pay now.
	if ((email.kind !== 'invoice' && email.kind !== 'reminder') || !email.invoiceId) {
		return {
			...base,
			...deps.templates.reply({ subject: base.subject, body: email.body, business }),
		};
	}
	const document = await loadInvoiceDocument(deps.db, email.businessId, email.invoiceId);
	if (!document) throw new UndeliverableError('The invoice was deleted before it could be sent.');
	if (email.kind === 'reminder' && (document.status === 'paid' || document.status === 'void')) {
		throw new ReminderNoLongerDue(
			document.status === 'paid'
				? 'Not sent: the invoice was paid before the reminder went out.'
				: 'Not sent: the invoice was voided before the reminder went out.',
		);
	}
	const token = await findInvoicePublicToken(deps.db, email.businessId, email.invoiceId);
	if (!token) throw new UndeliverableError('The invoice has no public link (was it voided?).');
	// The invoice was issued when this email was queued: the document is the issued snapshot.
	// A PDF failure fails the job: the email never goes out without its invoice.
	const pdf = await renderInvoicePdf(document).catch((cause: unknown) => {
		throw new Error(`Could not render the invoice PDF: ${(cause as Error).message}`);
	});
	const link = `${deps.origin.replace(/\/$/, '')}/i/${token}`;
	const payLink = await payLinkFor(deps, email.businessId, document, link);
	return {
		...base,
		...deps.templates.invoice({
			...document,
			link,
			payLink,
			// A business's own message may place the link anywhere with {link}.
			message: fillInvoiceEmailLink(email.body, link),
			labels: invoiceEmailLabels(document),
		}),
		attachments: [
			{ filename: `${document.invoice.number}.pdf`, content: pdf, contentType: 'application/pdf' },
		],
	};
}

/**
 * Pay now in the email leads to the public page's checkout (it reads the balance again on the
 * click). Offered only when the business is connected and something is due as the email leaves;
 * the connection row is enough, so the worker never needs the payment secrets.
 */
async function payLinkFor(
	deps: DeliverEmailDeps,
	businessId: string,
	document: { status: string; totals: { balanceDueMinor?: number } },
	link: string,
): Promise<string | null> {
	if (document.status === 'paid' || document.status === 'void') return null;
	if (!document.totals.balanceDueMinor) return null;
	return (await hasPaymentConnection(deps.db, businessId)) ? `${link}/pay` : null;
}

/**
 * Sends one outbound email at most once. The message row is a state machine:
 * queued → sending (claimed) → accepted (the server took it; written first) → sent. The invoice
 * it carries was issued when it was queued; delivery only records what happened to the email. A retry after a crash resumes from the recorded state: `accepted` only
 * finishes the bookkeeping, and `sending` — a crash mid-conversation with the server — is never
 * sent blindly again but reported, because the customer may already have it.
 *
 * Temporary failures throw (the queue retries with backoff) after putting the row back to
 * queued; the last attempt, or a failure retrying cannot fix (UndeliverableError), fails it.
 */
export async function deliverEmail(
	deps: DeliverEmailDeps,
	input: { messageId: string; attempt: { attemptsMade: number; attempts: number } },
) {
	const { attempt } = input;
	const isLastAttempt = attempt.attemptsMade + 1 >= attempt.attempts;
	const email = await findEmailForDelivery(deps.db, input.messageId);
	if (!email) return { skipped: 'message gone' };
	switch (email.deliveryState) {
		case 'sent':
		case 'failed':
		case 'uncertain':
		case 'cancelled':
			return { skipped: email.deliveryState };
		case 'accepted':
			await finishSentEmail(deps.db, email.id);
			return { resumed: true };
		case 'sending':
			await markEmailUncertain(deps.db, email.id, UNCERTAIN_OUTCOME);
			return { uncertain: true };
	}

	let outgoing: OutgoingEmail;
	try {
		outgoing = await composeEmail(email, deps);
	} catch (error) {
		// The database being down says nothing about the email: the worker retries it as is.
		if (isOutageError(error)) throw error;
		const reason = (error as Error).message;
		if (error instanceof ReminderNoLongerDue) {
			await cancelQueuedEmail(deps.db, email.id, reason);
			return { cancelled: true };
		}
		if (error instanceof UndeliverableError || isLastAttempt) {
			await failEmail(deps.db, email.id, reason);
		} else {
			await requeueEmail(deps.db, email.id, reason);
		}
		throw error;
	}

	if (!(await claimEmail(deps.db, email.id))) return { skipped: 'claimed elsewhere' };
	let response: string;
	try {
		response = await deps.mailer.send(outgoing);
	} catch (error) {
		const failure = classifySmtpError(error);
		if (failure.permanent || isLastAttempt) {
			await failEmail(deps.db, email.id, failure.reason);
			throw new UndeliverableError(failure.reason);
		}
		await requeueEmail(deps.db, email.id, failure.reason);
		throw new Error(failure.reason);
	}
	deps.faults?.afterSmtpAccept?.();
	await markEmailAccepted(deps.db, email.id, response);
	deps.faults?.afterAcceptRecorded?.();
	await finishSentEmail(deps.db, email.id);
	deps.log?.info({ messageId: email.id, invoiceId: email.invoiceId }, 'email sent');
	return { sent: true };
}
