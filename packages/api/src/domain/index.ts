export * from './account.ts';
export * from './business.ts';
export * from './customer.ts';
export * from './field-errors.ts';
export * from './note.ts';
export * from './plan.ts';
export * from './money.ts';
