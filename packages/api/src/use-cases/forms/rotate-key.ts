import { type Database, rotateFormKey as rotateFormKeyRow } from '@rapport/db';
import type { ContextEvents } from '../../context.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

/** A new form key; forms still posting to the old one get 404 from now on. */
export async function rotateFormKey(deps: { db: Database; events?: ContextEvents }, actor: Actor) {
	const formKey = await rotateFormKeyRow(deps.db, actor.businessId);
	if (!formKey) throw new NotFoundError('Business');
	// Web processes cache keys; without the announcement the old key lives to cache expiry.
	await deps.events?.formKeyRotated(actor.businessId).catch(() => {});
	return { formKey };
}
