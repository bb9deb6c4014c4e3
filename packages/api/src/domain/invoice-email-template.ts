// The shape of a business's invoice email template, without the translation catalogs
// (invoice-email.ts has those), so Settings in the browser can share it.

export const INVOICE_EMAIL_SUBJECT_MAX = 200;
export const INVOICE_EMAIL_MESSAGE_MAX = 5_000;

/** The variables a business's own subject and message may use, as {name}. */
export const INVOICE_EMAIL_VARIABLES = [
	'number',
	'total',
	'dueDate',
	'link',
	'business',
	'customer',
] as const;
