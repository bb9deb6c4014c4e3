import { describe, expect, it } from 'vitest';
import { isOutageError, OUTAGE_RETRY_MAX_MS, outageRetryDelayMs } from './outage.ts';

const withCode = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('isOutageError', () => {
	it('recognises refused, reset and timed-out connections by their code', () => {
		for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'])
			expect(isOutageError(withCode(code)), code).toBe(true);
	});

	it('recognises PostgreSQL shutting down, restarting or out of connections', () => {
		for (const code of ['57P01', '57P02', '57P03', '08006', '08003', '53300'])
			expect(isOutageError(withCode(code)), code).toBe(true);
	});

	it('recognises the messages pg and ioredis throw without a code', () => {
		for (const message of [
			'Connection terminated unexpectedly',
			'Connection terminated due to connection timeout',
			'timeout exceeded when trying to connect',
			'Connection is closed.',
			'Reached the max retries per request limit (which is 20). Refer to "maxRetriesPerRequest" option for details.',
			'LOADING Redis is loading the dataset in memory',
		])
			expect(isOutageError(new Error(message)), message).toBe(true);
	});

	it('looks into AggregateError members and causes', () => {
		const aggregate = new AggregateError([withCode('ECONNREFUSED')], '');
		expect(isOutageError(aggregate)).toBe(true);
		expect(isOutageError(new Error('insert failed', { cause: withCode('57P01') }))).toBe(true);
	});

	it('leaves the job’s own errors alone', () => {
		expect(isOutageError(withCode('23505', 'duplicate key value'))).toBe(false);
		expect(isOutageError(withCode('22P02', 'invalid input syntax for type uuid'))).toBe(false);
		expect(isOutageError(new Error('No processor for job x'))).toBe(false);
		// The mail server being down is the send's business (its own attempts), not an outage.
		expect(
			isOutageError(new Error('Could not reach the mail server: connect ECONNREFUSED 127.0.0.1:1')),
		).toBe(false);
		expect(isOutageError(null)).toBe(false);
		expect(isOutageError('ECONNREFUSED')).toBe(false);
	});

	it('survives cyclic causes', () => {
		const a = new Error('a') as Error & { cause?: unknown };
		a.cause = a;
		expect(isOutageError(a)).toBe(false);
	});
});

describe('outageRetryDelayMs', () => {
	it('doubles from half a second and stays capped', () => {
		expect(outageRetryDelayMs(0)).toBe(500);
		expect(outageRetryDelayMs(1)).toBe(1000);
		expect(outageRetryDelayMs(3)).toBe(4000);
		expect(outageRetryDelayMs(50)).toBe(OUTAGE_RETRY_MAX_MS);
		expect(outageRetryDelayMs(-2)).toBe(500);
	});
});
