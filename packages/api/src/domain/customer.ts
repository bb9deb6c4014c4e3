import { z } from 'zod';

export const CUSTOMER_NAME_MAX = 200;

const email = z
	.string()
	.trim()
	.max(254, 'Email must be at most 254 characters')
	.refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid email address')
	.transform((v) => v || null);

const phone = z
	.string()
	.trim()
	.max(40, 'Phone must be at most 40 characters')
	.refine((v) => v === '' || /^[+()\d\s.-]{3,}$/.test(v), 'Enter a valid phone number')
	.transform((v) => v || null);

/** What a user types into the Add customer / edit profile form. Email and phone are optional. */
export const customerInput = z.object({
	name: z
		.string()
		.trim()
		.min(1, 'Name is required')
		.max(CUSTOMER_NAME_MAX, `Name must be at most ${CUSTOMER_NAME_MAX} characters`),
	email: email.default(''),
	phone: phone.default(''),
});

export type CustomerInput = z.input<typeof customerInput>;

export const DUPLICATE_CUSTOMER_EMAIL = 'A customer with this email already exists';
