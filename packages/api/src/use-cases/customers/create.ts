import { type Database, insertCustomer } from '@rapport/db';
import { duplicateCustomerEmail } from '../../domain/customer-address.ts';
import type { Actor } from '../actor.ts';
import { emailConflictOr } from './addresses.ts';
import type { CustomerValues } from './values.ts';

/**
 * Adds a customer by hand; an email any customer of the business has (as its primary or
 * another address) is refused (409) naming that customer. The unique indexes are the check,
 * so two people adding the same email at once get one row.
 */
export async function createCustomer(deps: { db: Database }, actor: Actor, input: CustomerValues) {
	try {
		return await insertCustomer(deps.db, actor.businessId, input);
	} catch (error) {
		if (!input.email) throw error;
		throw await emailConflictOr(deps, actor, null, input.email, error, duplicateCustomerEmail);
	}
}
