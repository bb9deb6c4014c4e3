import { type Database, updateBusiness } from '@rapport/db';
import type { z } from 'zod';
import type { businessDetailsInput } from '../../domain/business.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

export type BusinessDetails = z.output<typeof businessDetailsInput>;

/** The details printed on invoices; a changed business email must be verified again. */
export async function updateBusinessDetails(
	deps: { db: Database },
	actor: Actor,
	input: BusinessDetails,
) {
	const business = await updateBusiness(deps.db, actor.businessId, input);
	if (!business) throw new NotFoundError('Business');
	return business;
}
