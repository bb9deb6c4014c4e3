import {
	type Database,
	findEmailVerification,
	markEmailVerificationSent,
	setEmailVerificationToken,
} from '@rapport/db';
import {
	hashVerificationToken,
	newVerificationToken,
	verificationLink,
} from '../../domain/email-verification.ts';

/**
 * For the account-mail worker: draws the link's token (storing its hash) unless the link was
 * already sent, used, expired or is for an email the business no longer has. A retry after a
 * crash draws a new token, so at most the newest emailed link works.
 */
export type PreparedVerificationEmail =
	| { skip: 'gone' | 'sent' | 'used' | 'expired' | 'email-changed' }
	| {
			email: { to: string; businessName: string; link: string; expiresAt: Date };
			/** Call once the mail server took the email. */
			markSent(): Promise<void>;
	  };

export async function prepareVerificationEmail(
	deps: { db: Database; origin: string },
	verificationId: string,
	now = new Date(),
): Promise<PreparedVerificationEmail> {
	const verification = await findEmailVerification(deps.db, verificationId);
	if (!verification) return { skip: 'gone' };
	if (verification.sentAt) return { skip: 'sent' };
	if (verification.usedAt) return { skip: 'used' };
	if (verification.expiresAt <= now) return { skip: 'expired' };
	if (verification.businessEmail?.toLowerCase() !== verification.email.toLowerCase())
		return { skip: 'email-changed' };
	const token = newVerificationToken();
	if (!(await setEmailVerificationToken(deps.db, verification.id, hashVerificationToken(token))))
		return { skip: 'sent' };
	return {
		email: {
			to: verification.email,
			businessName: verification.businessName,
			link: verificationLink(deps.origin, token),
			expiresAt: verification.expiresAt,
		},
		markSent: () => markEmailVerificationSent(deps.db, verification.id),
	};
}
