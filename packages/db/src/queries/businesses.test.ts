import { describe, expect, it } from 'vitest';
import { newInboundLocalPart } from './businesses.ts';

describe('newInboundLocalPart', () => {
	it('is <slug>-<random> in [a-z0-9-] only, so it never reads as reply+<token>', () => {
		for (const name of [
			'Bloom & Co.',
			'reply+abc',
			'Reply',
			'  ',
			'Ça va — Café',
			'x'.repeat(80),
		]) {
			const local = newInboundLocalPart(name);
			expect(local).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*-[a-z2-7]{10}$/);
			expect(local).not.toContain('+');
			expect(local.length).toBeLessThanOrEqual(35);
		}
		expect(newInboundLocalPart('Bloom & Co.')).toMatch(/^bloom-co-/);
		expect(newInboundLocalPart('Ça va — Café')).toMatch(/^ca-va-cafe-/);
		expect(newInboundLocalPart('!!!')).toMatch(/^mail-/);
		expect(newInboundLocalPart('Bloom')).not.toBe(newInboundLocalPart('Bloom'));
	});
});
