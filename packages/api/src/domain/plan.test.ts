import { describe, expect, it } from 'vitest';
import { effectivePlan, planIncludesInvoices, trialEnd } from './plan.ts';

const now = new Date('2026-11-28T12:00:00Z');

describe('plans', () => {
	it('a trial ends after the configured number of days', () => {
		expect(trialEnd(now, 14).toISOString()).toBe('2026-12-12T12:00:00.000Z');
	});

	it('keeps the plan during the trial and falls back to Starter after it', () => {
		expect(effectivePlan({ plan: 'grow', trialEndsAt: trialEnd(now, 1) }, now)).toBe('grow');
		expect(effectivePlan({ plan: 'grow', trialEndsAt: now }, now)).toBe('starter');
		expect(effectivePlan({ plan: 'launch', trialEndsAt: null }, now)).toBe('launch');
	});

	it('invoices come with Launch and Grow only', () => {
		expect(planIncludesInvoices('starter')).toBe(false);
		expect(planIncludesInvoices('launch')).toBe(true);
		expect(planIncludesInvoices('grow')).toBe(true);
	});
});
