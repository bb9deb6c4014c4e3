import {
	CUSTOMER_EMAIL_UNIQUE,
	type Database,
	insertCustomer,
	isUniqueViolation,
} from '@rapport/db';
import { DUPLICATE_CUSTOMER_EMAIL } from '../../domain/customer.ts';
import { FieldConflictError } from '../../domain/field-errors.ts';
import type { Actor } from '../actor.ts';
import type { CustomerValues } from './values.ts';

/** Adds a customer by hand; an email another customer of the business has is refused (409). */
export async function createCustomer(deps: { db: Database }, actor: Actor, input: CustomerValues) {
	try {
		return await insertCustomer(deps.db, actor.businessId, input);
	} catch (error) {
		throw duplicateEmailOr(error);
	}
}

/** The unique index is the check, so two people adding the same email at once get one row. */
export function duplicateEmailOr(error: unknown): unknown {
	if (isUniqueViolation(error, CUSTOMER_EMAIL_UNIQUE))
		return new FieldConflictError({ email: [DUPLICATE_CUSTOMER_EMAIL] });
	return error;
}
