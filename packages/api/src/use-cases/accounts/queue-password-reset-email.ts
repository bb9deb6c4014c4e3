import {
	type Database,
	deleteUserVerifications,
	findVerificationIdByIdentifier,
} from '@rapport/db';
import { PASSWORD_RESET_PREFIX, passwordResetIdentifier } from '../../domain/password-reset.ts';
import type { JobProducer } from '../../jobs/producer.ts';

export function passwordResetJobId(verificationId: string): string {
	return `account-email-reset-${verificationId}`;
}

/**
 * better-auth's sendResetPassword, in the web process: it has just stored the reset (token and
 * user) as a verifications row; the account-mail worker emails the link. The job names the row,
 * never the token, so the token is kept only where better-auth keeps it and is gone once used.
 */
export async function queuePasswordResetEmail(
	deps: { db: Database; jobs: JobProducer },
	token: string,
) {
	const row = await findVerificationIdByIdentifier(deps.db, passwordResetIdentifier(token));
	if (!row) throw new Error('password reset row not found right after it was stored');
	await deps.jobs.enqueue(
		'send-account-email',
		{ kind: 'reset-password', id: row.id },
		{ jobId: passwordResetJobId(row.id) },
	);
	return { verificationId: row.id };
}

/**
 * After a reset (better-auth's onPasswordReset): the user's other reset links stop working too,
 * so a link left in a mailbox cannot change the new password again.
 */
export async function forgetPasswordResets(deps: { db: Database }, userId: string) {
	return deleteUserVerifications(deps.db, userId, PASSWORD_RESET_PREFIX);
}
