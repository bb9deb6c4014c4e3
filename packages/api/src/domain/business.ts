import { z } from 'zod';
import { PLANS } from './plan.ts';
import { multiLineText, singleLineText } from './text-input.ts';

const optionalText = (max: number, label: string) =>
	multiLineText(label, max)
		.trim()
		.transform((v) => v || null);

/** The business details printed on invoices, edited on /settings. */
export const businessDetailsInput = z.object({
	name: singleLineText('Business name', 200).min(1, 'Business name is required'),
	email: singleLineText('Email', 254)
		.refine((v) => v === '' || z.email().safeParse(v).success, 'Enter a valid email address')
		.transform((v) => v || null),
	address: optionalText(500, 'Address'),
	currency: singleLineText('Currency', 10)
		.toUpperCase()
		.refine(
			(v) => Intl.supportedValuesOf('currency').includes(v),
			'Choose a valid currency code (e.g. USD)',
		),
	invoicePrefix: singleLineText('Prefix', 12).regex(
		/^[A-Za-z0-9-/_.]*$/,
		'Use letters, digits, - / _ . only',
	),
	paymentTermsDays: z.coerce
		.number({ error: 'Enter a number of days' })
		.int('Enter whole days')
		.min(0, 'Payment terms cannot be negative')
		.max(365, 'Payment terms must be at most 365 days'),
});

export const planInput = z.object({ plan: z.enum(PLANS as ['starter', 'launch', 'grow']) });
