import {
	createMicroBatcher,
	enqueueFormSubmissions,
	FORM_SUBMISSIONS_PER_JOB,
	type FormSubmissionJob,
	type JobProducer,
} from '@rapport/api/jobs';

export interface SubmissionQueue {
	/** Resolves once Redis holds the submission (in a job with those accepted alongside it). */
	add(submission: FormSubmissionJob): Promise<void>;
}

/**
 * Group commit for the form endpoint: submissions accepted in one turn of the event loop go to
 * Redis together as one `ingest-form-submissions` job (about 11 per job in the benchmark). A
 * queue write costs about the same for one submission as for twenty, so a burst no longer pays
 * it per request.
 * Writes are not held back while others are in flight: measured, that only added latency.
 */
export function createSubmissionQueue(jobs: JobProducer): SubmissionQueue {
	const batcher = createMicroBatcher<FormSubmissionJob, void>({
		maxSize: FORM_SUBMISSIONS_PER_JOB,
		maxWaitMs: 0,
		flush: async (submissions) => {
			await enqueueFormSubmissions(jobs, submissions);
			return submissions.map(() => undefined);
		},
	});
	return { add: (submission) => batcher.add(submission) };
}
