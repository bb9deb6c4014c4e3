import { type Database, updateBusiness } from '@rapport/db';
import type { Actor } from '../actor.ts';

/** Whether mail from someone no customer matches creates a customer, or waits in held mail. */
export async function setAcceptUnknownSenders(
	deps: { db: Database },
	actor: Actor,
	input: { accept: boolean },
) {
	await updateBusiness(deps.db, actor.businessId, { acceptUnknownSenders: input.accept });
	return input;
}
