import { type Database, findVerificationWithUser, isVerificationUsable } from '@rapport/db';
import {
	passwordResetIdentifier,
	passwordResetLink,
	passwordResetToken,
} from '../../domain/password-reset.ts';

export type PreparedPasswordResetEmail =
	| { skip: 'gone' | 'expired' }
	| {
			email: {
				to: string;
				name: string;
				businessName: string | null;
				link: string;
				expiresAt: Date;
			};
	  };

/**
 * For the account-mail worker: the link of a reset better-auth stored, unless it was used (the
 * row is gone), expired, or its user is gone. Retrying sends the same link again, which is
 * harmless: it still works once.
 */
export async function preparePasswordResetEmail(
	deps: { db: Database; origin: string },
	verificationId: string,
	now = new Date(),
): Promise<PreparedPasswordResetEmail> {
	const row = await findVerificationWithUser(deps.db, verificationId);
	const token = row && passwordResetToken(row.identifier);
	if (!row || !token || !row.userEmail) return { skip: 'gone' };
	if (row.expiresAt <= now) return { skip: 'expired' };
	return {
		email: {
			to: row.userEmail,
			name: row.userName ?? '',
			businessName: row.businessName,
			link: passwordResetLink(deps.origin, token),
			expiresAt: row.expiresAt,
		},
	};
}

/** Whether a reset link still works, so its page can say so before a new password is typed. */
export async function isPasswordResetUsable(
	deps: { db: Database },
	token: string,
	now = new Date(),
) {
	if (!passwordResetToken(passwordResetIdentifier(token))) return false;
	return isVerificationUsable(deps.db, passwordResetIdentifier(token), now);
}
