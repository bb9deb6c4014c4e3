import { describe, expect, it } from 'vitest';
import { isInFlight } from './delivery-state.ts';

describe('isInFlight', () => {
	it('is true until the email is sent or needs the owner', () => {
		expect(isInFlight('queued')).toBe(true);
		expect(isInFlight('sending')).toBe(true);
		expect(isInFlight('accepted')).toBe(true);
		expect(isInFlight('sent')).toBe(false);
		expect(isInFlight('failed')).toBe(false);
		expect(isInFlight('uncertain')).toBe(false);
		expect(isInFlight(null)).toBe(false);
	});
});
