import { describe, expect, it } from 'vitest';
import {
	hashVerificationToken,
	newVerificationToken,
	verificationLink,
	verificationOutcomeMessage,
} from './email-verification.ts';

describe('verification links', () => {
	it('are unguessable and stored only as a hash', () => {
		const token = newVerificationToken();
		expect(token).toMatch(/^[\w-]{43}$/);
		expect(newVerificationToken()).not.toBe(token);
		expect(hashVerificationToken(token)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashVerificationToken(token)).not.toContain(token);
		expect(verificationLink('https://app.test/', token)).toBe(
			`https://app.test/verify-email/${token}`,
		);
	});

	it('say plainly what happened, never naming another business', () => {
		expect(verificationOutcomeMessage({ status: 'taken' })).toBe(
			'This address is already verified by another business.',
		);
		expect(verificationOutcomeMessage({ status: 'expired' })).toMatch(/expired/);
		expect(
			verificationOutcomeMessage({ status: 'verified', email: 'a@b.test', movedEmails: 0 }),
		).toMatch(/^a@b\.test is verified/);
	});
});
