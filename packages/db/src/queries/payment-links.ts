import type { Executor } from '../executor.ts';

/**
 * Whether the business takes online payment: enough to offer Pay now in an email. Only the
 * row's presence, never its secrets, so the worker needs no encryption key to decide.
 */
export async function hasPaymentConnection(db: Executor, businessId: string): Promise<boolean> {
	const row = await db
		.selectFrom('paymentConnections')
		.select('businessId')
		.where('businessId', '=', businessId)
		.executeTakeFirst();
	return row !== undefined;
}
