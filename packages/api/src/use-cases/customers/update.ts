import { type Database, updateCustomer as updateCustomerRow } from '@rapport/db';
import { duplicateCustomerEmail } from '../../domain/customer-address.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { emailConflictOr, promoteClearedPrimaries } from './addresses.ts';
import type { CustomerValues } from './values.ts';

/**
 * Edits a customer's profile; another business's customer is "not found". Email and phone are
 * the primary ones: a cleared one is taken over by the customer's oldest other address.
 */
export async function updateCustomer(
	deps: { db: Database },
	actor: Actor,
	{ id, ...values }: CustomerValues & { id: string },
) {
	let customer: Awaited<ReturnType<typeof updateCustomerRow>>;
	try {
		customer = await deps.db.transaction().execute(async (trx) => {
			const row = await updateCustomerRow(trx, actor.businessId, id, values);
			if (!row || (row.email !== null && row.phone !== null)) return row;
			await promoteClearedPrimaries(trx, actor.businessId, row);
			return updateCustomerRow(trx, actor.businessId, id, {});
		});
	} catch (error) {
		if (!values.email) throw error;
		throw await emailConflictOr(deps, actor, id, values.email, error, duplicateCustomerEmail);
	}
	if (!customer) throw new NotFoundError('Customer');
	return customer;
}
