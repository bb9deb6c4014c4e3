import type { Database } from '@rapport/db';
import type { InvoiceEmailLabels } from '../../domain/invoice-email.ts';
import type { InvoiceDocument } from '../invoices/document.ts';

/** One email as the mailer sends it; headers come from these fields, never from user text. */
export interface OutgoingEmail {
	to: string;
	/**
	 * The From display name (the business's); the address is always the configured sender, so
	 * the mail stays deliverable. Omitted for account emails, which come from the product.
	 */
	fromName?: string;
	subject: string;
	html: string;
	text: string;
	messageId: string;
	inReplyTo?: string | null;
	/** Omitted for account emails: nothing threads back from them. */
	replyTo?: string;
	attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface RenderedEmail {
	html: string;
	text: string;
}

/** The worker's mail transport and templates, passed in: no SMTP or template engine here. */
export interface DeliverEmailDeps {
	db: Database;
	mailer: {
		/** Resolves with the server's acceptance line once the SMTP server took the message. */
		send(email: OutgoingEmail): Promise<string>;
	};
	templates: {
		/**
		 * `message`: the text the sender wrote (or the default), above the invoice summary;
		 * `labels`: the template's own words in the invoice's language. Money, numbers and dates
		 * are formatted in the document's `locale`. `payLink`: where Pay now leads, present only
		 * when the business takes online payment and a balance is due.
		 */
		invoice(
			context: InvoiceDocument & {
				link: string;
				payLink?: string | null;
				message: string;
				labels: InvoiceEmailLabels;
			},
		): RenderedEmail;
		reply(context: {
			subject: string;
			body: string;
			business: { name: string; email: string | null };
		}): RenderedEmail;
	};
	/** Public origin of the web app, for the invoice link. */
	origin: string;
	mailDomain: string;
	log?: { info(details: object, message: string): void };
	/** Test-only fault injection: stop the process at a named point. */
	faults?: { afterSmtpAccept?: () => void; afterAcceptRecorded?: () => void };
}

/**
 * Retrying cannot help (the invoice is gone, the server refused the address for good): the
 * email is failed and the job must not run again. The worker maps it to its queue's own kind.
 */
export class UndeliverableError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UndeliverableError';
	}
}
