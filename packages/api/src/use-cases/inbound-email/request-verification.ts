import {
	countEmailVerificationsSince,
	type Database,
	findBusiness,
	insertEmailVerification,
	isEmailVerifiedElsewhere,
} from '@rapport/db';
import {
	EMAIL_TAKEN_MESSAGE,
	EMAIL_VERIFICATION_TTL_MS,
	EMAIL_VERIFICATIONS_PER_HOUR,
} from '../../domain/email-verification.ts';
import { NotFoundError, RateLimitedError } from '../../domain/errors.ts';
import { FieldValidationError } from '../../domain/field-errors.ts';
import type { JobProducer } from '../../jobs/producer.ts';
import type { Actor } from '../actor.ts';

/**
 * Queues a verification link to the business email. The worker draws the token when it sends
 * (only its hash is stored), through the account-mail queue, not the customer outbox.
 */
export async function requestEmailVerification(
	deps: { db: Database; jobs: JobProducer },
	actor: Actor,
	now = new Date(),
) {
	const business = await findBusiness(deps.db, actor.businessId);
	if (!business) throw new NotFoundError('Business');
	if (!business.email)
		throw new FieldValidationError({ email: ['Add a business email first, then verify it.'] });
	if (business.emailVerifiedAt)
		return { status: 'already-verified' as const, email: business.email };
	// Never names the other business: only that the address is taken.
	if (await isEmailVerifiedElsewhere(deps.db, business.id, business.email))
		throw new FieldValidationError({ email: [EMAIL_TAKEN_MESSAGE] });
	const hour = 60 * 60 * 1000;
	const recent = await countEmailVerificationsSince(
		deps.db,
		business.id,
		new Date(now.getTime() - hour),
	);
	if (recent.count >= EMAIL_VERIFICATIONS_PER_HOUR) {
		const retryAfterSeconds = Math.max(
			1,
			Math.ceil(((recent.oldest?.getTime() ?? now.getTime()) + hour - now.getTime()) / 1000),
		);
		throw new RateLimitedError(
			`${EMAIL_VERIFICATIONS_PER_HOUR} links were sent in the last hour. Check your inbox (and spam folder), or try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
			retryAfterSeconds,
		);
	}
	const verification = await insertEmailVerification(deps.db, business.id, {
		email: business.email,
		expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_TTL_MS),
	});
	await deps.jobs.enqueue(
		'send-account-email',
		{ kind: 'verify-business-email', id: verification.id },
		{ jobId: `account-email-${verification.id}` },
	);
	return { status: 'sent' as const, email: business.email };
}
