/** What every customer query returns: the list, the profile, search and export alike. */
export const customerColumns = [
	'id',
	'name',
	'email',
	'phone',
	'address',
	'taxId',
	'lastActivityAt',
	// Kept by the payments ledger and invoice transitions (refreshCustomerOpenBalance).
	'openBalanceMinor',
	'createdAt',
	'updatedAt',
] as const;
