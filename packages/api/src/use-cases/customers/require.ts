import { type Database, findCustomer } from '@rapport/db';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/** Every customer tab starts from a customer of the actor's business; anything else is "not found". */
export async function requireCustomer(deps: { db: Database }, actor: Actor, customerId: string) {
	const customer = await findCustomer(deps.db, actor.businessId, customerId);
	if (!customer) throw new NotFoundError('Customer');
	return customer;
}
