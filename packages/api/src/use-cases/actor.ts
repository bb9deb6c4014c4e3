/**
 * Who a use case acts for. It always comes from the session (or, for the worker and the seed,
 * from a row already tied to a business): nothing takes a business id from client input.
 */
export interface Actor {
	businessId: string;
	/** null when the system acts on its own (worker, scheduler, webhooks). */
	userId: string | null;
}

export const systemActor = (businessId: string): Actor => ({ businessId, userId: null });
