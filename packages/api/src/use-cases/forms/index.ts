export { discardHeldSubmission } from './discard.ts';
export {
	type FormIngestDeps,
	type FormSubmissionStore,
	ingestFormSubmission,
	ingestFormSubmissions,
} from './ingest.ts';
export { releaseHeldSubmission } from './release.ts';
export { rotateFormKey } from './rotate-key.ts';
export { FORM_MESSAGE_SUBJECT, storeFormSubmissionBatch, storeFormSubmissions } from './store.ts';
