export { createDb, createPool, type Database } from './client.ts';
export { type Executor, isUniqueViolation, isUuid } from './executor.ts';
export { migrateToLatest } from './migrate.ts';
export * from './queries/businesses.ts';
export * from './queries/customers.ts';
export * from './queries/invoices.ts';
export * from './queries/notes.ts';
export type * from './schema.ts';
export * from './queries/outbound-email.ts';
