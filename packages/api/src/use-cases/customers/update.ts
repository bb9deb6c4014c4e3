import { type Database, updateCustomer as updateCustomerRow } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { duplicateEmailOr } from './create.ts';
import type { CustomerValues } from './values.ts';

/** Edits a customer's profile; another business's customer is "not found". */
export async function updateCustomer(
	deps: { db: Database },
	actor: Actor,
	{ id, ...values }: CustomerValues & { id: string },
) {
	let customer: Awaited<ReturnType<typeof updateCustomerRow>>;
	try {
		customer = await updateCustomerRow(deps.db, actor.businessId, id, values);
	} catch (error) {
		throw duplicateEmailOr(error);
	}
	if (!customer) throw new NotFoundError('Customer');
	return customer;
}
