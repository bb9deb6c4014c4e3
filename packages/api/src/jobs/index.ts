export * from './contract.ts';
export * from './producer.ts';
