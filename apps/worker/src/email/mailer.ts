import type { OutgoingEmail } from '@rapport/api/use-cases';
import nodemailer from 'nodemailer';

export type { OutgoingEmail };

export interface Mailer {
	/** Resolves with the server's acceptance line once the SMTP server took the message. */
	send(email: OutgoingEmail): Promise<string>;
	close(): void;
}

/** nodemailer over SMTP_URL. Headers are set through its API, so user text never forms a header. */
export function createMailer(smtpUrl: string, from: string): Mailer {
	const transport = nodemailer.createTransport(smtpUrl);
	return {
		async send(email) {
			const info = await transport.sendMail({
				from,
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
