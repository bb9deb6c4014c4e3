// What the business does, one workflow per file: `(deps, actor, input) → result`.
// The only code that combines domain rules, query functions and job producers.
export { type Actor, systemActor } from './actor.ts';
export * from './failed-jobs/index.ts';
export * from './inbound-email/index.ts';
