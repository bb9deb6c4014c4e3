import type { Executor } from './executor.ts';

/**
 * The two quarantines (held form submissions, held emails) keep a row per business until it is
 * released into the conversation or discarded; both end a hold the same way.
 */
type HeldTable = 'formQuarantine' | 'emailQuarantine';

export async function markHeldReleased(
	db: Executor,
	table: HeldTable,
	businessId: string,
	id: string,
) {
	await db
		.updateTable(table)
		.set({ releasedAt: new Date() })
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.execute();
}

/** Deletes a held (never released) row of the business; false if there is none. */
export async function deleteHeld(db: Executor, table: HeldTable, businessId: string, id: string) {
	const result = await db
		.deleteFrom(table)
		.where('businessId', '=', businessId)
		.where('id', '=', id)
		.where('releasedAt', 'is', null)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}
