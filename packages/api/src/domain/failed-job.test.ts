import { describe, expect, it } from 'vitest';
import {
	describeFailedJob,
	failedJobKind,
	plainFailureReason,
	STALLED_REASON,
} from './failed-job.ts';

describe('failedJobKind', () => {
	it('tells stalls, unrecoverable errors and used-up attempts apart', () => {
		expect(failedJobKind({ name: 'UnrecoverableError', message: STALLED_REASON })).toBe('stalled');
		expect(failedJobKind({ name: 'UnrecoverableError', message: 'Invoice deleted' })).toBe(
			'unrecoverable',
		);
		expect(failedJobKind({ name: 'Error', message: 'duplicate key' })).toBe('attempts');
	});
});

describe('plainFailureReason', () => {
	it('never shows the raw error of an ordinary failure', () => {
		const reason = plainFailureReason('attempts', 'relation "x" does not exist', 5);
		expect(reason).not.toContain('relation');
		expect(reason).toContain('5 times');
		expect(plainFailureReason('stalled', STALLED_REASON, 1)).toMatch(/worker stopped/);
		expect(plainFailureReason('unrecoverable', 'The invoice was deleted.', 1)).toBe(
			'The invoice was deleted.',
		);
	});
});

describe('describeFailedJob', () => {
	it('names the senders of form submissions', () => {
		expect(
			describeFailedJob('ingest-form-submission', { name: 'Ann', email: 'ann@example.test' }),
		).toBe('Contact-form submission from Ann <ann@example.test>');
		expect(
			describeFailedJob('ingest-form-submissions', {
				submissions: [{ email: 'a@example.test' }, { name: 'Bo' }],
			}),
		).toBe('2 contact-form submissions (from a@example.test, Bo)');
	});

	it('copes with malformed payloads', () => {
		expect(describeFailedJob('ingest-form-submissions', null)).toBe('Contact-form submissions');
		expect(describeFailedJob('something-else', 42)).toBe('A background task');
	});
});
