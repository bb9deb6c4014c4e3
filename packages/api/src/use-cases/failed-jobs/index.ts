export { dismissFailedJob } from './dismiss.ts';
export { listFailedJobsFor } from './list.ts';
export { type FinalFailure, recordFinalFailure } from './record.ts';
export { retryFailedJob } from './retry.ts';
