import { z } from 'zod';
import { multiLineText, singleLineText } from './text-input.ts';

export const CUSTOMER_NAME_MAX = 200;

const email = singleLineText('Email', 254)
	.refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid email address')
	.transform((v) => v || null);

const phone = singleLineText('Phone', 40)
	.refine((v) => v === '' || /^[+()\d\s.-]{3,}$/.test(v), 'Enter a valid phone number')
	.transform((v) => v || null);

/** What a user types into the Add customer / edit profile form. Email and phone are optional. */
export const customerInput = z.object({
	name: singleLineText('Name', CUSTOMER_NAME_MAX).min(1, 'Name is required'),
	// null, not '': zod 4 hands a default out as it is, without running the transform.
	email: email.default(null),
	phone: phone.default(null),
	// Optional so a client that does not send them leaves them as they are.
	address: multiLineText('Address', 500)
		.trim()
		.transform((v) => v || null)
		.optional(),
	taxId: singleLineText('Tax ID', 50)
		.transform((v) => v || null)
		.optional(),
});

/**
 * The customer list's search box: over-long searches are refused (400 with this message) rather
 * than silently cut, so what was searched for is always what the list says it searched for.
 */
export const CUSTOMER_SEARCH_MAX = 200;
export const customerSearch = singleLineText('Search', CUSTOMER_SEARCH_MAX);

export type CustomerInput = z.input<typeof customerInput>;

export const DUPLICATE_CUSTOMER_EMAIL = 'A customer with this email already exists';
