import { describe, expect, it } from 'vitest';
import { displayStatus, todayIn, todayUtc } from './invoice-status.ts';

describe('todayIn', () => {
	// 2026-12-01 11:30 UTC: already 2 December in Auckland (UTC+13), still 1 December in Los Angeles
	// (UTC−8).
	const instant = new Date('2026-12-01T11:30:00Z');

	it('is the calendar day in the given zone, not in UTC', () => {
		expect(todayIn('Pacific/Auckland', instant)).toBe('2026-12-02');
		expect(todayIn('America/Los_Angeles', instant)).toBe('2026-12-01');
		expect(todayIn('UTC', instant)).toBe(todayUtc(instant));
	});

	it('a due date of today is not overdue in either zone at the same instant', () => {
		const aucklandToday = { status: 'sent' as const, dueDate: '2026-12-02' };
		const laToday = { status: 'sent' as const, dueDate: '2026-12-01' };
		expect(displayStatus(aucklandToday, todayIn('Pacific/Auckland', instant))).toBe('sent');
		expect(displayStatus(laToday, todayIn('America/Los_Angeles', instant))).toBe('sent');
		// Los Angeles's today is already past in Auckland.
		expect(displayStatus(laToday, todayIn('Pacific/Auckland', instant))).toBe('overdue');
	});

	it('turns the day at local midnight', () => {
		// Auckland midnight of 2 December is 11:00 UTC on 1 December (NZDT, UTC+13).
		expect(todayIn('Pacific/Auckland', new Date('2026-12-01T10:59:59Z'))).toBe('2026-12-01');
		expect(todayIn('Pacific/Auckland', new Date('2026-12-01T11:00:00Z'))).toBe('2026-12-02');
		// Los Angeles midnight of 2 December is 08:00 UTC on 2 December (PST, UTC−8).
		expect(todayIn('America/Los_Angeles', new Date('2026-12-02T07:59:59Z'))).toBe('2026-12-01');
		expect(todayIn('America/Los_Angeles', new Date('2026-12-02T08:00:00Z'))).toBe('2026-12-02');
	});

	it('an unknown zone falls back to UTC rather than failing the page', () => {
		expect(todayIn('Mars/Base', instant)).toBe('2026-12-01');
	});
});
