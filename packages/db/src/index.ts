export {
	type ConnectionLog,
	createDb,
	createPool,
	type Database,
	type PoolOptions,
} from './client.ts';
export { type Executor, isForeignKeyViolation, isUniqueViolation, isUuid } from './executor.ts';
export { migrateToLatest } from './migrate.ts';
export * from './queries/api-keys.ts';
export * from './queries/businesses.ts';
export * from './queries/customer-addresses.ts';
export * from './queries/customer-imports.ts';
export * from './queries/customer-merges.ts';
export * from './queries/customers.ts';
export * from './queries/email-verifications.ts';
export * from './queries/failed-jobs.ts';
export * from './queries/form-quarantine.ts';
export * from './queries/form-submissions.ts';
export * from './queries/inbound-email.ts';
export * from './queries/invoice-overview.ts';
export * from './queries/invoices.ts';
export * from './queries/messages.ts';
export * from './queries/notes.ts';
export * from './queries/outbound-email.ts';
export * from './queries/payment-connections.ts';
export * from './queries/payment-links.ts';
export * from './queries/payments.ts';
export * from './queries/reminders.ts';
export * from './queries/users.ts';
export * from './queries/verifications.ts';
export type * from './schema.ts';
