import { describe, expect, it } from 'vitest';
import { allocate, type Counter } from './rate-limit.ts';

const counter = (before: number, limit: number, waitSeconds = 30): Counter => ({
	before,
	limit,
	waitSeconds,
});

describe('allocate', () => {
	it('lets through each IP’s first requests up to its limit, in arrival order', () => {
		const requests = ['a', 'a', 'b', 'a'].map((ip) => ({ formKey: 'k', ip }));
		const { waits } = allocate(
			requests,
			new Map([
				['a', counter(1, 2, 40)],
				['b', counter(0, 2)],
			]),
			new Map([['k', counter(0, 100)]]),
		);
		expect(waits).toEqual([null, 40, null, 40]);
	});

	it('counts the form key only for requests their IP let through, and gives the rest back', () => {
		// Key limit 3, one point used: two more pass. The noisy IP's extra requests would have
		// taken the key's last points before the quiet visitor's request if they counted.
		const requests = [
			{ formKey: 'k', ip: 'noisy' },
			{ formKey: 'k', ip: 'noisy' },
			{ formKey: 'k', ip: 'noisy' },
			{ formKey: 'k', ip: 'quiet' },
			{ formKey: 'k', ip: 'late' },
		];
		const { waits, keyPointsBack } = allocate(
			requests,
			new Map([
				['noisy', counter(0, 1, 50)],
				['quiet', counter(0, 1)],
				['late', counter(0, 1)],
			]),
			new Map([['k', counter(1, 3, 20)]]),
		);
		expect(waits).toEqual([null, 50, 50, null, 20]);
		expect(keyPointsBack).toEqual(new Map([['k', 2]]));
	});

	it('keeps form keys apart', () => {
		const requests = [
			{ formKey: 'full', ip: 'x' },
			{ formKey: 'free', ip: 'y' },
		];
		const { waits, keyPointsBack } = allocate(
			requests,
			new Map([
				['x', counter(0, 5)],
				['y', counter(0, 5)],
			]),
			new Map([
				['full', counter(10, 10, 15)],
				['free', counter(0, 10)],
			]),
		);
		expect(waits).toEqual([15, null]);
		expect(keyPointsBack.size).toBe(0);
	});
});
