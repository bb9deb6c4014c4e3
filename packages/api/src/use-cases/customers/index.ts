export {
	addEmail,
	addPhone,
	listAddresses,
	makePrimaryEmail,
	makePrimaryPhone,
	removeEmail,
	removePhone,
} from './addresses.ts';
export { createCustomer } from './create.ts';
export { exportCustomers } from './export.ts';
export { findMergedCustomer, mergeCustomer, previewCustomerMerge } from './merge.ts';
export { requireCustomer } from './require.ts';
export { updateCustomer } from './update.ts';
export type { CustomerValues } from './values.ts';
