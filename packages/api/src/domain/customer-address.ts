import { z } from 'zod';
import { DUPLICATE_CUSTOMER_EMAIL } from './customer.ts';
import { recordId, singleLineText } from './text-input.ts';

/** Another email for a customer: required here (the profile's primary email is optional). */
export const customerEmailAddress = singleLineText('Email', 254)
	.min(1, 'Enter an email address')
	.refine((v) => z.email().safeParse(v).success, 'Enter a valid email address');

export const customerPhoneNumber = singleLineText('Phone', 40)
	.min(1, 'Enter a phone number')
	.refine((v) => /^[+()\d\s.-]{3,}$/.test(v) && /\d/.test(v), 'Enter a valid phone number');

export const addCustomerEmailInput = z.object({
	customerId: recordId,
	email: customerEmailAddress,
});
export const addCustomerPhoneInput = z.object({
	customerId: recordId,
	phone: customerPhoneNumber,
});
/** One address of a customer (remove, make primary). */
export const customerAddressRef = z.object({ customerId: recordId, id: recordId });

/** Shown next to the field; the UI links the name to that customer. */
export function emailBelongsTo(customerName: string): string {
	return `This address belongs to ${customerName}`;
}

/** The profile form's Email field: the old "already exists" wording, now naming the owner. */
export function duplicateCustomerEmail(customerName: string): string {
	return `${DUPLICATE_CUSTOMER_EMAIL}. ${emailBelongsTo(customerName)}.`;
}

export const EMAIL_ALREADY_LISTED = 'This customer already has this address';
export const PHONE_ALREADY_LISTED = 'This customer already has this number';

/** A phone as matching sees it: its digits only ("+1 (555) 010-0100" → "15550100100"). */
export function phoneDigits(phone: string | null | undefined): string {
	return (phone ?? '').replace(/\D/g, '');
}
