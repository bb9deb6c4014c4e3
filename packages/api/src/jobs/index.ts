export * from './contract.ts';
export * from './form-submission.ts';
export * from './micro-batcher.ts';
export * from './online-payment.ts';
export * from './producer.ts';
export * from './redis-outages.ts';
