export { createCustomer } from './create.ts';
export { requireCustomer } from './require.ts';
export { updateCustomer } from './update.ts';
export type { CustomerValues } from './values.ts';
