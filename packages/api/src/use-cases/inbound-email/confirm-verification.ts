import {
	type Database,
	isEmailVerifiedElsewhere,
	isUniqueViolation,
	lockEmailVerificationByTokenHash,
	markBusinessEmailVerified,
	markEmailVerificationUsed,
	quarantineEmail,
	takeUnroutableEmailsTo,
} from '@rapport/db';
import {
	hashVerificationToken,
	type VerificationOutcome,
} from '../../domain/email-verification.ts';

/**
 * Follows a verification link (signed in or not: the token is the proof). The address becomes
 * the business's routing address, and mail that arrived for it while no business had verified
 * it moves into this business's held mail. One business per verified address: the unique
 * index settles a race, and the loser is told plainly without naming the winner.
 */
export async function confirmEmailVerification(
	deps: { db: Database },
	token: string,
	now = new Date(),
): Promise<VerificationOutcome> {
	if (!/^[\w-]{20,100}$/.test(token)) return { status: 'invalid' };
	try {
		return await deps.db.transaction().execute(async (trx) => {
			const verification = await lockEmailVerificationByTokenHash(
				trx,
				hashVerificationToken(token),
			);
			if (!verification) return { status: 'invalid' as const };
			if (verification.usedAt) return { status: 'already-used' as const };
			if (verification.expiresAt <= now) return { status: 'expired' as const };
			if (await isEmailVerifiedElsewhere(trx, verification.businessId, verification.email))
				return { status: 'taken' as const };
			if (!(await markBusinessEmailVerified(trx, verification.businessId, verification.email)))
				return { status: 'email-changed' as const };
			await markEmailVerificationUsed(trx, verification.id);
			const waiting = await takeUnroutableEmailsTo(trx, verification.email);
			for (const email of waiting) {
				await quarantineEmail(trx, verification.businessId, {
					sourceId: email.sourceId,
					senderName: email.senderName,
					senderEmail: email.senderEmail,
					subject: email.subject,
					reason: email.reason === 'unreadable' ? 'unreadable' : 'unverified-address',
					reasonDetail: email.reasonDetail,
					payload: email.payload,
					raw: email.raw,
				});
			}
			return {
				status: 'verified' as const,
				email: verification.email,
				movedEmails: waiting.length,
			};
		});
	} catch (error) {
		if (isUniqueViolation(error, 'businesses_verified_email_uq')) return { status: 'taken' };
		throw error;
	}
}
