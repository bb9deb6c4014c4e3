import {
	type CustomerMergeCounts,
	countCustomerContents,
	type Database,
	findCustomer,
	findCustomerMerge,
	insertSystemEvent,
	lockCustomersForMerge,
	moveCustomerContents,
	recordCustomerMerge,
	refreshCustomerOpenBalance,
	updateCustomer as updateCustomerRow,
} from '@rapport/db';
import { detailsTakenInMerge, mergeEventText } from '../../domain/customer-merge.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { Actor } from '../actor.ts';

export interface MergeInput {
	/** The customer merged away. */
	id: string;
	/** The customer that stays and receives everything. */
	intoId: string;
}

// A customer is never a candidate to merge into itself: to the caller it is not found, like
// another business's customer.
async function requirePair(db: Database, actor: Actor, { id, intoId }: MergeInput) {
	if (id === intoId) throw new NotFoundError('Customer to merge into');
	const [merged, survivor] = await Promise.all([
		findCustomer(db, actor.businessId, id),
		findCustomer(db, actor.businessId, intoId),
	]);
	if (!merged) throw new NotFoundError('Customer');
	if (!survivor) throw new NotFoundError('Customer to merge into');
	return { merged, survivor };
}

/** What merging would move, for the confirmation step: nothing changes. */
export async function previewCustomerMerge(
	deps: { db: Database },
	actor: Actor,
	input: MergeInput,
): Promise<{ moved: CustomerMergeCounts; into: { id: string; name: string } }> {
	const { survivor } = await requirePair(deps.db, actor, input);
	const moved = await countCustomerContents(deps.db, actor.businessId, input.id);
	return { moved, into: { id: survivor.id, name: survivor.name } };
}

/**
 * Merges one customer into another in one transaction: messages, notes, invoices (with their
 * payments), emails and phones move; the survivor fills details it lacks; its open balance is
 * recomputed; the merge is recorded (the merged id and reply token keep leading to the survivor)
 * and shows on the survivor's Messages tab. Invoice numbers and issued documents never change.
 */
export async function mergeCustomer(deps: { db: Database }, actor: Actor, input: MergeInput) {
	if (input.id === input.intoId) throw new NotFoundError('Customer to merge into');
	return deps.db.transaction().execute(async (trx) => {
		const locked = await lockCustomersForMerge(trx, actor.businessId, [input.id, input.intoId]);
		const merged = locked.find((c) => c.id === input.id);
		const survivor = locked.find((c) => c.id === input.intoId);
		if (!merged) throw new NotFoundError('Customer');
		if (!survivor) throw new NotFoundError('Customer to merge into');

		const moved = await countCustomerContents(trx, actor.businessId, merged.id);
		await moveCustomerContents(trx, actor.businessId, merged.id, survivor.id);
		const record = await recordCustomerMerge(trx, actor.businessId, {
			merged,
			survivorId: survivor.id,
			moved,
			mergedBy: actor.userId,
		});
		// After the delete: the merged customer's primary email is free for the survivor to take.
		await updateCustomerRow(trx, actor.businessId, survivor.id, {
			...detailsTakenInMerge(survivor, merged),
			lastActivityAt:
				merged.lastActivityAt > survivor.lastActivityAt
					? merged.lastActivityAt
					: survivor.lastActivityAt,
		});
		await refreshCustomerOpenBalance(trx, actor.businessId, survivor.id);
		await insertSystemEvent(trx, actor.businessId, {
			customerId: survivor.id,
			kind: 'merge',
			invoiceId: null,
			body: mergeEventText(merged, moved),
		});
		return { id: survivor.id, mergedAt: record.mergedAt, moved };
	});
}

/** Where a customer's old id leads after a merge; null for an id that was never merged. */
export async function findMergedCustomer(deps: { db: Database }, actor: Actor, id: string) {
	const merge = await findCustomerMerge(deps.db, actor.businessId, id);
	return merge ?? null;
}
