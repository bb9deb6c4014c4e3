import {
	type Database,
	findOrInsertCustomerByEmail,
	insertInboundEmail,
	lockEmailQuarantine,
	markEmailQuarantineReleased,
	touchCustomer,
} from '@rapport/db';
import { ConflictError, NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';
import { heldEmailPayload } from './held-payload.ts';

/**
 * "Not spam": the sender becomes (or is matched to) a customer and the held email joins their
 * messages. Mail that could not be read, or has no sender address, can only be deleted: there
 * is neither a text to store faithfully nor a customer to store it on.
 */
export async function releaseHeldEmail(
	deps: { db: Database },
	actor: Actor,
	input: { id: string },
) {
	return deps.db.transaction().execute(async (trx) => {
		const held = await lockEmailQuarantine(trx, actor.businessId, input.id);
		if (!held) throw new NotFoundError('Held email');
		if (held.releasedAt) return { id: held.id, customerId: null };
		if (!held.payload)
			throw new ConflictError('This email could not be read; it can only be deleted.');
		if (!held.senderEmail)
			throw new ConflictError('This email has no sender address; it can only be deleted.');
		const row = heldEmailPayload.parse(held.payload);
		const customer = await findOrInsertCustomerByEmail(
			trx,
			actor.businessId,
			held.senderEmail,
			held.senderName,
		);
		const ref = { businessId: actor.businessId, customerId: customer.id };
		await insertInboundEmail(trx, ref, {
			...row,
			senderEmail: held.senderEmail,
			sourceId: held.sourceId,
			receivedAt: new Date(row.receivedAt),
		});
		await touchCustomer(trx, actor.businessId, customer.id);
		await markEmailQuarantineReleased(trx, actor.businessId, held.id);
		return { id: held.id, customerId: customer.id };
	});
}
