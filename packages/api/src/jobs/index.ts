export * from './contract.ts';
export * from './form-submission.ts';
export * from './micro-batcher.ts';
export * from './producer.ts';
