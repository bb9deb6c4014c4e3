import type { OutgoingEmail } from '@rapport/api/use-cases';
import nodemailer from 'nodemailer';

export type { OutgoingEmail };

export interface Mailer {
	/** Resolves with the server's acceptance line once the SMTP server took the message. */
	send(email: OutgoingEmail): Promise<string>;
	close(): void;
}

/** The bare address of MAIL_FROM ("Rapport <no-reply@x.test>" → "no-reply@x.test"). */
export function senderAddress(mailFrom: string): string {
	return (/<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom).trim();
}

/**
 * nodemailer over SMTP_URL. Headers are set through its API, so user text never forms a header:
 * a business name given as `{ name, address }` is quoted or RFC 2047-encoded by nodemailer.
 */
export function createMailer(smtpUrl: string, from: string): Mailer {
	const transport = nodemailer.createTransport(smtpUrl);
	const address = senderAddress(from);
	return {
		async send(email) {
			const info = await transport.sendMail({
				from: email.fromName ? { name: email.fromName.replace(/[\r\n]+/g, ' '), address } : from,
				to: email.to,
				replyTo: email.replyTo,
				subject: email.subject.replace(/[\r\n]+/g, ' '),
				html: email.html,
				text: email.text,
				messageId: email.messageId,
				inReplyTo: email.inReplyTo ?? undefined,
				references: email.inReplyTo ?? undefined,
				attachments: email.attachments,
			});
			return String(info.response ?? info.messageId);
		},
		close: () => transport.close(),
	};
}
