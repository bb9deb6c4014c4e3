import { z } from 'zod';
import { PLANS } from './plan.ts';

const optionalText = (max: number, label: string) =>
	z
		.string()
		.trim()
		.max(max, `${label} must be at most ${max} characters`)
		.transform((v) => v || null);

/** The business details printed on invoices, edited on /settings. */
export const businessDetailsInput = z.object({
	name: z
		.string()
		.trim()
		.min(1, 'Business name is required')
		.max(200, 'Business name must be at most 200 characters'),
	email: z
		.string()
		.trim()
		.refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid email address')
		.transform((v) => v || null),
	address: optionalText(500, 'Address'),
	currency: z
		.string()
		.trim()
		.toUpperCase()
		.refine(
			(v) => Intl.supportedValuesOf('currency').includes(v),
			'Choose a valid currency code (e.g. USD)',
		),
	invoicePrefix: z
		.string()
		.trim()
		.max(12, 'Prefix must be at most 12 characters')
		.regex(/^[A-Za-z0-9-/_.]*$/, 'Use letters, digits, - / _ . only'),
	paymentTermsDays: z.coerce
		.number({ error: 'Enter a number of days' })
		.int('Enter whole days')
		.min(0, 'Payment terms cannot be negative')
		.max(365, 'Payment terms must be at most 365 days'),
});

export const planInput = z.object({ plan: z.enum(PLANS as ['starter', 'launch', 'grow']) });
