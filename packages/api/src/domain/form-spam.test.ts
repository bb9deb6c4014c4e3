import { describe, expect, it } from 'vitest';
import { spamReason } from './form-spam.ts';

const at = new Date('2026-11-28T12:00:10.000Z');

describe('spamReason', () => {
	it('accepts forms without a start time, or filled in at a human pace', () => {
		expect(spamReason({ startedAt: null }, at)).toBeNull();
		expect(spamReason({ startedAt: at.getTime() - 3_000 }, at)).toBeNull();
		expect(spamReason({ startedAt: at.getTime() - 60_000 }, at)).toBeNull();
	});

	it('flags a form sent within three seconds of opening', () => {
		expect(spamReason({ startedAt: at.getTime() - 400 }, at)).toMatch(/^Sent 0\.4 s after/);
		expect(spamReason({ startedAt: at.getTime() }, at)).not.toBeNull();
	});

	it('gives a visitor whose clock runs ahead the benefit of the doubt', () => {
		expect(spamReason({ startedAt: at.getTime() + 5_000 }, at)).toBeNull();
	});
});
