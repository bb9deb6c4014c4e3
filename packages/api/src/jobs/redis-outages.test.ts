import { describe, expect, it } from 'vitest';
import { isConnectionError } from './redis-outages.ts';

describe('isConnectionError', () => {
	it('recognises a connection failing', () => {
		expect(
			isConnectionError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
		).toBe(true);
		expect(isConnectionError(new Error('Connection is closed.'))).toBe(true);
	});

	it('leaves other errors to be logged', () => {
		expect(isConnectionError(new Error('Missing lock for job 1. moveToFinished'))).toBe(false);
		expect(isConnectionError(Object.assign(new Error('NOSCRIPT'), { code: 'NOSCRIPT' }))).toBe(
			false,
		);
	});
});
