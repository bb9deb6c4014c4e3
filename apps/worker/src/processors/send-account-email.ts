import { newRfcMessageId } from '@rapport/api/domain';
import type { JobPayload } from '@rapport/api/jobs';
import { preparePasswordResetEmail, prepareVerificationEmail } from '@rapport/api/use-cases';
import type { Database } from '@rapport/db';
import type { Logger } from 'pino';
import type { Mailer } from '../email/mailer.ts';
import type { EmailTemplates } from '../email/templates.ts';

export interface AccountEmailDeps {
	db: Database;
	log: Logger;
	mailer: Mailer;
	templates: EmailTemplates;
	origin: string;
	mailDomain: string;
}

/**
 * Emails the business itself (its owner), never a customer. Idempotent: a link already sent,
 * used or expired is skipped; a failed send throws and BullMQ retries with backoff.
 */
export async function sendAccountEmail(
	payload: JobPayload<'send-account-email'>,
	deps: AccountEmailDeps,
) {
	return payload.kind === 'reset-password'
		? sendPasswordReset(payload.id, deps)
		: sendVerification(payload.id, deps);
}

async function sendVerification(verificationId: string, deps: AccountEmailDeps) {
	const prepared = await prepareVerificationEmail(deps, verificationId);
	if ('skip' in prepared) return { skipped: prepared.skip };
	const { email } = prepared;
	const hours = Math.round((email.expiresAt.getTime() - Date.now()) / 3_600_000);
	const rendered = deps.templates.verifyBusinessEmail({
		businessName: email.businessName,
		email: email.to,
		link: email.link,
		hours,
	});
	await deps.mailer.send({
		to: email.to,
		subject: `Verify ${email.to} for ${email.businessName}`,
		messageId: newRfcMessageId(deps.mailDomain),
		...rendered,
	});
	await prepared.markSent();
	deps.log.info({ verificationId }, 'verification email sent');
	return { sent: true };
}

/**
 * No "sent" mark: the job id is per reset, and a retry after a crash between the mail server's
 * acceptance and the job's completion sends the same one-time link again, which is harmless.
 */
async function sendPasswordReset(verificationId: string, deps: AccountEmailDeps) {
	const prepared = await preparePasswordResetEmail(deps, verificationId);
	if ('skip' in prepared) return { skipped: prepared.skip };
	const { email } = prepared;
	const minutes = Math.max(1, Math.round((email.expiresAt.getTime() - Date.now()) / 60_000));
	const rendered = deps.templates.resetPassword({
		email: email.to,
		businessName: email.businessName ?? 'your business',
		link: email.link,
		minutes,
	});
	await deps.mailer.send({
		to: email.to,
		subject: 'Reset your Rapport password',
		messageId: newRfcMessageId(deps.mailDomain),
		...rendered,
	});
	deps.log.info({ verificationId }, 'password reset email sent');
	return { sent: true };
}
