import { describe, expect, it } from 'vitest';
import { formSubmissionJob } from '../jobs/form-submission.ts';
import { groupFormFields, storedFormFields } from './form-fields.ts';

describe('stored form fields', () => {
	it('reads the list as written', () => {
		const pairs = [
			{ name: 'colour_scheme', value: 'green' },
			{ name: 'topic', value: 'cut' },
			{ name: 'topic', value: 'colour' },
		];
		expect(storedFormFields.parse(pairs)).toEqual(pairs);
	});

	it('reads the previous release’s object as pairs in its key order, blanks left out', () => {
		expect(
			storedFormFields.parse({
				zeta: 'z',
				colour_scheme: 'green',
				blank: ' ',
				topic: 'cut, colour',
			}),
		).toEqual([
			{ name: 'zeta', value: 'z' },
			{ name: 'colour_scheme', value: 'green' },
			{ name: 'topic', value: 'cut, colour' },
		]);
	});

	it('accepts a job queued by the previous release (fields as an object)', () => {
		const job = formSubmissionJob.parse({
			businessId: crypto.randomUUID(),
			submissionId: crypto.randomUUID(),
			acceptedAt: new Date().toISOString(),
			email: 'a@b.co',
			name: null,
			phone: null,
			message: null,
			startedAt: null,
			fields: { email: 'a@b.co', how_did_you_hear: 'Radio' },
		});
		expect(job.fields).toEqual([
			{ name: 'email', value: 'a@b.co' },
			{ name: 'how_did_you_hear', value: 'Radio' },
		]);
	});

	it('shows a repeated name once, at its first place, with every value in order', () => {
		expect(
			groupFormFields([
				{ name: 'topic', value: 'cut' },
				{ name: 'zeta', value: 'z' },
				{ name: 'topic', value: 'colour' },
			]),
		).toEqual([
			{ name: 'topic', values: ['cut', 'colour'] },
			{ name: 'zeta', values: ['z'] },
		]);
	});
});
