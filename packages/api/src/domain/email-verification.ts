import { createHash, randomBytes } from 'node:crypto';

/** How long a verification link works. */
export const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;

/** Links a business may have emailed per hour: enough to retry, too few to mail-bomb anyone. */
export const EMAIL_VERIFICATIONS_PER_HOUR = 5;

/** Mail no business owns is kept this long for the business that verifies its address. */
export const UNROUTABLE_EMAIL_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** A fresh link token (256 bits, URL-safe); only its hash is stored. */
export function newVerificationToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashVerificationToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function verificationLink(origin: string, token: string): string {
	return `${origin.replace(/\/$/, '')}/verify-email/${token}`;
}

export const EMAIL_TAKEN_MESSAGE = 'This address is already verified by another business.';

export type VerificationOutcome =
	| { status: 'verified'; email: string; movedEmails: number }
	| { status: 'already-used' | 'expired' | 'invalid' | 'email-changed' | 'taken' };

/** What the verify page tells the visitor, in plain words. */
export function verificationOutcomeMessage(outcome: VerificationOutcome): string {
	switch (outcome.status) {
		case 'verified':
			return `${outcome.email} is verified. Mail sent to it now reaches your customers’ messages.`;
		case 'already-used':
			return 'This link was already used. The address stays verified; there is nothing more to do.';
		case 'expired':
			return 'This link has expired. Send a new one from Settings.';
		case 'invalid':
			return 'This link is not valid. Check that it was copied completely, or send a new one from Settings.';
		case 'email-changed':
			return 'The business email was changed after this link was sent. Send a new link from Settings.';
		case 'taken':
			return EMAIL_TAKEN_MESSAGE;
	}
}
