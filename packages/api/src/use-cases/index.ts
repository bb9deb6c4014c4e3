// What the business does, one workflow per file: `(deps, actor, input) → result`.
// The only code that combines domain rules, query functions and job producers.

export * from './accounts/index.ts';
export { type Actor, systemActor } from './actor.ts';
export * from './api-keys/index.ts';
export * from './automated-messages/index.ts';
export * from './customer-imports/index.ts';
export * from './customers/index.ts';
export * from './failed-jobs/index.ts';
export * from './forms/index.ts';
export * from './inbound-email/index.ts';
export * from './invoices/index.ts';
export * from './messages/index.ts';
export * from './notes/index.ts';
export * from './outbound-email/index.ts';
export * from './payments/index.ts';
export * from './reminders/index.ts';
export * from './settings/index.ts';
